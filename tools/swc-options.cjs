// One swc configuration for the build and for jest, so tests run the code as it ships.
const path = require('node:path');
const tsconfig = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');

/**
 * ES modules (NestJS 12 ships only ESM). The build resolves imports fully (`./x` becomes
 * `./x.js`, `@agora/config` a relative path) because Node's ESM loader needs real file names;
 * jest resolves them itself and gets them unchanged.
 * @returns {import('@swc/core').Options}
 */
function swcOptions({ resolveFully = true } = {}) {
  return {
    sourceMaps: true,
    module: { type: 'es6', resolveFully },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.compilerOptions.paths,
    },
  };
}

module.exports = { swcOptions, root };
