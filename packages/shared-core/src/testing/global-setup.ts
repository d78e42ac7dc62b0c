// Jest globalSetup for the integration project: one DynamoDB Local for the whole run (~1.6 s start),
// shared with workers through env vars. Tests create uniquely named tables (see createTestTables).
import { startLocalDynamo } from './dynamodb-server';

export default async function globalSetup(): Promise<void> {
  const ddb = await startLocalDynamo();
  process.env.TEST_DYNAMODB_ENDPOINT = ddb.endpoint;
  process.env.TEST_DYNAMODB_ENGINE = ddb.engine;
  (globalThis as { __govwinAceDynamo?: typeof ddb }).__govwinAceDynamo = ddb;
}
