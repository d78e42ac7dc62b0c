// The one-line status note written to a deal when the submitter cannot do what was asked. Notes carry
// property names, codes and fixed reasons only; AWS text goes through describeAceErrorForDeal instead.
import { AceMappingError, AppError } from '@govwin-ace/shared-core';
import { AcceptTaskFailedError, EngagementTaskFailedError, OwnershipRefusedError } from './errors';

const MAX_NOTE = 1000;

/**
 * Describes a non-AWS failure for the deal's status note.
 * @example failureNote('submission', mappingError) // 'ACE submission blocked: closedate must not be in the past'
 */
export const failureNote = (
  what: 'submission' | 'update' | 'referral acceptance',
  err: unknown
): string => {
  let text: string;
  if (err instanceof AceMappingError) {
    const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `${k} ${v}`);
    text = `ACE ${what} blocked: ${fields.join('; ')}`;
  } else if (err instanceof OwnershipRefusedError) {
    text = `ACE ${what} refused: the AWS co-sell id on this deal does not belong to it (${err.reason}); an operator was alerted`;
  } else if (err instanceof AcceptTaskFailedError) {
    text = `AWS could not accept the referral (${err.reasonCode}); accept it again from the card, or ask an operator`;
  } else if (err instanceof EngagementTaskFailedError) {
    text = `AWS did not accept the submission (${err.reasonCode}); fix the deal and submit again`;
  } else {
    const code = err instanceof AppError ? err.code : 'INTERNAL_ERROR';
    text = `ACE ${what} failed (${code}); an operator was alerted`;
  }
  return text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE - 1)}…` : text;
};
