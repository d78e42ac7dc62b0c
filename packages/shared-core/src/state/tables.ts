import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Logical tables (DESIGN §4). Terraform creates `${prefix}-<name>`; the local runtime uses the same definitions. */
export const TABLES = {
  syncState: 'sync-state',
  entityMappings: 'entity-mappings',
  audit: 'audit',
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

/** Name of the TTL attribute (epoch seconds) on every table that expires rows. */
export const TTL_ATTRIBUTE = 'ttl';

/**
 * CreateTable input for one logical table: `pk` (S) + `sk` (S), on-demand. Mirrors
 * terraform/modules/dynamodb (a test checks they agree).
 */
export const tableDefinition = (physicalName: string): CreateTableCommandInput => ({
  TableName: physicalName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
});
