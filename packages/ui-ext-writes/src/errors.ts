import { AppError, type AppErrorOptions } from '@govwin-ace/shared-core';

type Opts = Omit<AppErrorOptions, 'code' | 'httpStatus' | 'publicMessage'>;

/** Why a deal cannot take the requested card action; each reason has a fixed public message. */
export const NOT_ELIGIBLE = {
  'not-in-pipeline': 'this deal is not in the AWS co-sell pipeline',
  'already-submitted': 'this deal is already submitted to AWS',
  'in-flight': 'a submission for this deal is already in progress',
  referral: 'this deal is an AWS referral: accept or reject it instead',
  'not-submitted': 'this deal has no AWS opportunity yet: submit it first',
  closed: 'the AWS opportunity is closed and can no longer be edited',
  'not-a-referral': 'this deal has no pending AWS referral',
  'referral-answered': 'this AWS referral was already answered or has expired',
  'not-ours':
    'the AWS co-sell record linked to this deal does not belong to it; an operator was alerted',
} as const;

/** A not-eligible reason. */
export type NotEligibleReason = keyof typeof NOT_ELIGIBLE;

/** The deal is not in a state that allows the action (409 with a fixed reason). */
export class DealNotEligibleError extends AppError {
  public readonly reason: NotEligibleReason;
  public constructor(reason: NotEligibleReason, dealId: string, options: Opts = {}) {
    super(`deal ${dealId} not eligible: ${reason}`, {
      ...options,
      code: 'DEAL_NOT_ELIGIBLE',
      httpStatus: 409,
      publicMessage: NOT_ELIGIBLE[reason],
      fields: { reason },
    });
    this.name = 'DealNotEligibleError';
    this.reason = reason;
  }
}

/**
 * Code in this Lambda asked Partner Central for an operation outside its allow-list (CreateOpportunity,
 * StartEngagement…). Never sent: a bug or a crafted path, answered as a generic 500 and logged.
 */
export class ForbiddenAceOperationError extends AppError {
  public constructor(operation: string, options: Opts = {}) {
    super(`ui-ext-writes refused Partner Central operation ${operation}`, {
      ...options,
      code: 'ACE_OPERATION_FORBIDDEN',
      httpStatus: 500,
    });
    this.name = 'ForbiddenAceOperationError';
  }
}

/** The deal does not exist (or is archived). */
export class DealNotFoundError extends AppError {
  public constructor(dealId: string, options: Opts = {}) {
    super(`deal ${dealId} not found`, {
      ...options,
      code: 'DEAL_NOT_FOUND',
      httpStatus: 404,
      publicMessage: 'deal not found',
    });
    this.name = 'DealNotFoundError';
  }
}

/** AWS refused or failed the change; the public message names what the rep can do, never AWS text. */
export class AceChangeRefusedError extends AppError {
  public constructor(
    message: string,
    publicMessage: string,
    status: number,
    options: Opts & { fields?: Readonly<Record<string, string>> } = {}
  ) {
    super(message, { ...options, code: 'ACE_CHANGE_REFUSED', httpStatus: status, publicMessage });
    this.name = 'AceChangeRefusedError';
  }
}
