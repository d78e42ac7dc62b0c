// Partner Central failures as the card sees them: a fixed message per kind that says what the rep can do.
// AWS's own text never leaves the Lambda (DESIGN §5); field paths and codes are safe to show.
import { AceApiError, ThrottledError, UpstreamError } from '@govwin-ace/shared-core';
import { AceChangeRefusedError } from './errors';

/**
 * Maps an AceApiError to the error the card edge answers with; other errors pass through unchanged.
 * @example catch (err) { throw toCardAceError(err); }
 */
export const toCardAceError = (err: unknown): unknown => {
  if (!(err instanceof AceApiError)) return err;
  const message = `${err.message} (card write)`;
  switch (err.kind) {
    case 'conflict':
      return new AceChangeRefusedError(
        message,
        'AWS changed this opportunity since the card loaded it; reload the card and try again',
        409,
        { cause: err }
      );
    case 'validation':
      return new AceChangeRefusedError(message, 'AWS refused some fields', 422, {
        cause: err,
        ...(err.fields ? { fields: err.fields } : {}),
      });
    case 'review-locked':
      return new AceChangeRefusedError(
        message,
        'AWS is reviewing this opportunity; try again when the review ends',
        409,
        { cause: err }
      );
    case 'throttling':
    case 'quota-exceeded':
      return new ThrottledError(message, { code: err.code, cause: err });
    default:
      return new UpstreamError(message, { code: err.code, cause: err });
  }
};
