import type { Context } from 'aws-lambda';

/** A constant fake Lambda context with a generous remaining time (middy timeouts never fire in tests). */
export const fakeLambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'govwin-ace-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:govwin-ace-test',
  memoryLimitInMB: '256',
  awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
  logGroupName: '/aws/lambda/govwin-ace-test',
  logStreamName: '2026/11/23/[$LATEST]test',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
});
