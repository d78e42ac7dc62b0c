// Loaded by every Jest project (jest.preset.cjs): custom AWS matchers and quiet, deterministic env.
import 'aws-sdk-client-mock-jest';

process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'AKIDLOCALTEST';
process.env.AWS_SECRET_ACCESS_KEY ??= 'localTestSecret';
// Powertools loggers stay silent unless a test opts in.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_DEV ??= 'false';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
