// Jest runs the TypeScript sources as ES modules (see `npm test`, which passes
// --experimental-vm-modules). Unit specs sit beside the code (under src/, or beside a tool in
// tools/); tests that need running services or the built tools live in each project's test/ folder.
const { swcOptions } = require('./tools/swc-options.cjs');

const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcOptions({ resolveFully: false }), swcrc: false }] };
const common = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
  roots: [
    '<rootDir>/bench',
    '<rootDir>/contracts',
    '<rootDir>/libs',
    '<rootDir>/gateway',
    '<rootDir>/subgraphs',
    '<rootDir>/tools',
    '<rootDir>/e2e',
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tools/jest-global-setup.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'] },
    // Tests that start processes get 30 s by default rather than jest's 5 s (set in the setup file).
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/test/**/*.test.ts'],
      slowTestThreshold: 30,
      setupFilesAfterEnv: ['<rootDir>/tools/jest-integration.setup.mjs'],
    },
  ],
};
