// The live run's durable state: DynamoDB Local with its files in the state directory, so the ClientTokens
// and submission steps of one run are there for the next. Without them a second run could create a second
// AWS opportunity for a deal whose first submission crashed half-way.
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type AceSubmissionRepo,
  type AuditLog,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeAwsClients,
  TABLES,
  tableDefinition,
} from '@govwin-ace/shared-core';
import { startLocalDynamo } from '@govwin-ace/shared-core/testing';

/** Table prefix of live runs (the simulator run uses `local`, in memory). */
export const LIVE_TABLE_PREFIX = 'live';

/** Physical table names of a live run. */
export const liveTables = () => ({
  syncState: `${LIVE_TABLE_PREFIX}-${TABLES.syncState}`,
  entityMappings: `${LIVE_TABLE_PREFIX}-${TABLES.entityMappings}`,
  audit: `${LIVE_TABLE_PREFIX}-${TABLES.audit}`,
});

/** The open state: DynamoDB Local's endpoint, the tables, and the repositories the runner reads. */
export interface LiveState {
  endpoint: string;
  tables: ReturnType<typeof liveTables>;
  doc: DynamoDBDocumentClient;
  submissions: AceSubmissionRepo;
  audit: AuditLog;
  /** True when the tables were created by this run (a fresh state directory). */
  fresh: boolean;
  stop: () => Promise<void>;
}

const isAlreadyThere = (err: unknown): boolean =>
  (err as { name?: string })?.name === 'ResourceInUseException';

/** Creates each table unless it exists; returns how many were created. */
export const ensureTables = async (
  client: Pick<DynamoDBClient, 'send'>,
  names: readonly string[]
): Promise<number> => {
  let created = 0;
  for (const name of names) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(name)));
      created += 1;
    } catch (err) {
      if (!isAlreadyThere(err)) throw err;
    }
  }
  return created;
};

/**
 * Starts DynamoDB Local on `dbPath` (an existing absolute directory) and makes sure the tables exist.
 * @example const state = await openLiveState(paths.dynamodb); try { ... } finally { await state.stop(); }
 */
export const openLiveState = async (dbPath: string): Promise<LiveState> => {
  const dynamo = await startLocalDynamo({ path: dbPath });
  const aws = makeAwsClients({
    region: 'us-east-1',
    endpoints: { dynamodb: dynamo.endpoint },
    // DynamoDB Local runs with -sharedDb, so any key reaches the same tables.
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  const client = aws.dynamodb();
  const doc = aws.documentClient();
  try {
    const tables = liveTables();
    const created = await ensureTables(client, Object.values(tables));
    return {
      endpoint: dynamo.endpoint,
      tables,
      doc,
      submissions: makeAceSubmissionRepo({ doc, tableName: tables.entityMappings }),
      audit: makeAuditLog({ doc, tableName: tables.audit }),
      fresh: created === Object.keys(tables).length,
      stop: async () => {
        client.destroy();
        doc.destroy();
        await dynamo.stop();
      },
    };
  } catch (err) {
    client.destroy();
    doc.destroy();
    await dynamo.stop();
    throw err;
  }
};
