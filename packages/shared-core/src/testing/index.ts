export type { TestDynamo, TestTables } from './dynamo-tables';
export { createTestTables } from './dynamo-tables';
export type { LocalDynamo } from './dynamodb-server';
export { freePort, hasJava, startLocalDynamo } from './dynamodb-server';
export { fakeLambdaContext } from './lambda-context';
