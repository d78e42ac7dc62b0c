// The card routes' replay guard: the shared `WHK#` reservation plus `release`, used when a reserved request
// failed with a 5xx so HubSpot's one retry of it is processed instead of refused as a replay.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { UpstreamError } from '../errors/common-errors';
import { keys } from '../keys/keys';
import { makeDynamoReplayStore } from '../state/replay-store';
import { TTL_ATTRIBUTE } from '../state/tables';
import type { CardReplay } from './card-request';

/**
 * DynamoDB replay guard over `WHK#<fingerprint>`. `release` overwrites the row with an already-expired TTL,
 * which the reservation's condition (`attribute_not_exists(pk) OR ttl <= now`) treats as free, so the role
 * needs only `dynamodb:PutItem` under `WHK#` (DESIGN §5) — no DeleteItem.
 * @example const replay = makeCardReplayGuard({ doc, tableName: config.entityMappingsTable });
 */
export const makeCardReplayGuard = (deps: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  now?: () => number;
}): Required<CardReplay> => {
  const store = makeDynamoReplayStore(deps);
  const now = deps.now ?? Date.now;
  return {
    reserve: (fingerprintHex) => store.reserve(fingerprintHex),
    release: async (fingerprintHex) => {
      // Built before the write, so a malformed fingerprint is a ValidationError, not a store failure.
      const key = keys.webhook(fingerprintHex);
      const nowMs = now();
      try {
        await deps.doc.send(
          new PutCommand({
            TableName: deps.tableName,
            Item: {
              ...key,
              releasedAt: new Date(nowMs).toISOString(),
              [TTL_ATTRIBUTE]: Math.floor(nowMs / 1000),
            },
          })
        );
      } catch (err) {
        throw new UpstreamError(
          `DynamoDB PutItem (card replay release) failed (${err instanceof Error ? err.name : 'Error'})`,
          { code: 'STATE_STORE_FAILED', cause: err }
        );
      }
    },
  };
};
