import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeAwsClients } from '../aws/clients';
import { TABLES, tableDefinition } from '../state/tables';

/** Physical names of the three tables for one test file. */
export interface TestTables {
  syncState: string;
  entityMappings: string;
  audit: string;
}

/** A document client + raw client pointed at the run's local DynamoDB, and fresh uniquely named tables. */
export interface TestDynamo {
  endpoint: string;
  engine: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tables: TestTables;
  /** Drops the tables and closes the clients. Call in afterAll. */
  cleanup: () => Promise<void>;
}

/**
 * For integration tests: connects to the DynamoDB started by the Jest globalSetup and creates the
 * project's tables under a random prefix, so test files never see each other's rows.
 */
export const createTestTables = async (): Promise<TestDynamo> => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error(
      'TEST_DYNAMODB_ENDPOINT is not set: run integration tests through the Jest integration project'
    );
  const aws = makeAwsClients({ region: 'us-east-1', endpoints: { dynamodb: endpoint } });
  const client = aws.dynamodb();
  const doc = aws.documentClient();
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const tables: TestTables = {
    syncState: `${prefix}-${TABLES.syncState}`,
    entityMappings: `${prefix}-${TABLES.entityMappings}`,
    audit: `${prefix}-${TABLES.audit}`,
  };
  for (const name of Object.values(tables))
    await client.send(new CreateTableCommand(tableDefinition(name)));
  return {
    endpoint,
    engine: process.env.TEST_DYNAMODB_ENGINE ?? 'unknown',
    client,
    doc,
    tables,
    cleanup: async () => {
      for (const name of Object.values(tables)) {
        await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      }
      doc.destroy();
      client.destroy();
    },
  };
};
