import { CORRELATION_HEADER } from '@agora/logging';
import { runService } from '@agora/runtime';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './gateway.config';
import { installRateLimit } from './rate-limit/rate-limit.module';

await runService({
  loadConfig: () => loadGatewayConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  readyPath: '/graphql',
  configure: (app, config) => {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      // Lets a browser client read the id to quote when it reports a problem.
      exposedHeaders: [CORRELATION_HEADER],
    });
    installRateLimit(app);
  },
});
