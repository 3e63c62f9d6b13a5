# One image for every Agora service; docker-compose.yml picks the entry point per service.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
# MALLOC_ARENA_MAX repeats SERVICE_RUNTIME_ENV (libs/config/src/service-runtime.ts), which npm start,
# the tests and the bench apply; keep the two alike.
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools/services.json ./tools/services.json
# Migrations and the supergraph are read at start, relative to the working directory.
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/libs ./libs
COPY --from=build /app/gateway/supergraph.graphql ./gateway/supergraph.graphql
USER node
# Overridden per service: dist/services/<name>.js (npm run build bundles each service into one file)
# --import loads OpenTelemetry first; it starts only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
CMD ["node", "--enable-source-maps", "--import", "./dist/libs/telemetry/src/register.js", "dist/services/gateway.js"]
