// Two tiers (CONVENTIONS §7.3): `unit` (no sockets) and `integration` (real DynamoDB Local /
// dynalite and the loopback simulators). One Jest run executes both, so one summary covers all.
const path = require('node:path');
const preset = require('./jest.preset.cjs');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/packages/*/tests/unit/**/*.test.ts?(x)',
        '<rootDir>/tests/unit/**/*.test.ts',
      ],
    },
    {
      ...preset,
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/packages/*/tests/integration/**/*.test.ts?(x)',
        '<rootDir>/tests/integration/**/*.test.ts',
      ],
      globalSetup: path.join(__dirname, 'packages/shared-core/src/testing/global-setup.ts'),
      globalTeardown: path.join(__dirname, 'packages/shared-core/src/testing/global-teardown.ts'),
    },
  ],
};
