// Shared Jest settings: ESM mode (middy is ESM-only) with @swc/jest; no type checking here
// (`pnpm typecheck` runs tsc separately). See docs/decisions/0002-jest-esm-swc.md.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  setupFilesAfterEnv: [path.join(__dirname, 'packages/shared-core/src/testing/setup-jest.ts')],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  clearMocks: true,
};
