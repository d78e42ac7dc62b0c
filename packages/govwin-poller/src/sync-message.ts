// The orchestrator -> worker SQS message. Versioned, strictly validated: a message that does not
// parse is a poison message and is reported as a batch item failure so SQS moves it to the DLQ after
// maxReceiveCount — never consumed as an empty batch (prior-art §22 Q10).
import {
  GOVWIN_OPP_ID,
  parseGovWinDate,
  useEnglishZodMessages,
  ValidationError,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** Most opportunities one message may carry (one HubSpot batch call each for deals). */
export const MAX_OPPORTUNITIES_PER_MESSAGE = 100;

/** One opportunity to sync: the GovWin id and the `updateDate` discovery saw. */
export interface OpportunityRef {
  id: string;
  updateDate: string;
}

/** Message body, version 1. */
export interface SyncMessage {
  version: 1;
  opportunities: OpportunityRef[];
}

const ref = z.strictObject({
  id: z.string().check(z.regex(GOVWIN_OPP_ID, 'id must be a GovWin opportunity id')),
  updateDate: z.string().check(
    z.maxLength(40),
    z.refine((v) => {
      try {
        parseGovWinDate(v);
        return true;
      } catch {
        return false;
      }
    }, 'updateDate must be a GovWin date')
  ),
});

const schema = z.strictObject({
  version: z.literal(1),
  opportunities: z.array(ref).check(z.minLength(1), z.maxLength(MAX_OPPORTUNITIES_PER_MESSAGE)),
});

/** Serialises a message (after validating it, so the orchestrator can never send a poison one). */
export const encodeSyncMessage = (opportunities: readonly OpportunityRef[]): string =>
  JSON.stringify(parseSyncMessageObject({ version: 1, opportunities }));

const parseSyncMessageObject = (value: unknown): SyncMessage => {
  useEnglishZodMessages();
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'message';
  throw new ValidationError(
    `sync message invalid at ${where}: ${issue?.message ?? 'unknown problem'}`,
    {
      code: 'SYNC_MESSAGE_INVALID',
    }
  );
};

/**
 * Parses an SQS body. Throws a one-line ValidationError (never echoing the body) when it is not JSON or
 * not a version-1 sync message.
 * @example parseSyncMessage('{"version":1,"opportunities":[{"id":"OPP1","updateDate":"2025-01-01T00:00:00Z"}]}')
 */
export const parseSyncMessage = (body: unknown): SyncMessage => {
  if (typeof body !== 'string' || body.length > 256 * 1024) {
    throw new ValidationError('sync message body must be a string of at most 256 KiB', {
      code: 'SYNC_MESSAGE_INVALID',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('sync message body is not JSON', { code: 'SYNC_MESSAGE_INVALID' });
  }
  return parseSyncMessageObject(json);
};
