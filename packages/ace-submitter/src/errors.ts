// The submitter's own error family (CONVENTIONS §5). Messages carry ids and codes only.
import { AppError, type AppErrorOptions } from '@govwin-ace/shared-core';

type Opts = Omit<AppErrorOptions, 'code' | 'retryable'>;

/** The ACE opportunity named for a deal is not provably the deal's own: self-heal refused (DESIGN §2.3). */
export class OwnershipRefusedError extends AppError {
  /** Stable reason: `bound-to-other-deal`, `foreign-partner-id`, `not-found`. */
  public readonly reason: string;
  public constructor(message: string, reason: string, options: Opts = {}) {
    super(message, { ...options, code: 'ACE_OWNERSHIP_REFUSED', retryable: false });
    this.name = 'OwnershipRefusedError';
    this.reason = reason;
  }
}

/** AWS reported the submit-to-AWS task as FAILED (TaskStatus FAILED + ReasonCode). */
export class EngagementTaskFailedError extends AppError {
  public readonly reasonCode: string;
  public constructor(message: string, reasonCode: string, options: Opts = {}) {
    super(message, { ...options, code: 'ACE_ENGAGEMENT_FAILED', retryable: false });
    this.name = 'EngagementTaskFailedError';
    this.reasonCode = reasonCode;
  }
}

/** AWS reported the referral accept task (StartEngagementByAcceptingInvitationTask) as FAILED. */
export class AcceptTaskFailedError extends AppError {
  public readonly reasonCode: string;
  public constructor(message: string, reasonCode: string, options: Opts = {}) {
    super(message, { ...options, code: 'ACE_ACCEPT_FAILED', retryable: false });
    this.name = 'AcceptTaskFailedError';
    this.reasonCode = reasonCode;
  }
}

/** An accept message names a referral that is not bound to the message's deal: nothing is accepted. */
export class ReferralNotBoundError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: 'REFERRAL_NOT_BOUND', retryable: false });
    this.name = 'ReferralNotBoundError';
  }
}

/** A message or event names another Partner Central catalog than this deployment's. */
export class CatalogMismatchError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: 'CATALOG_MISMATCH', retryable: false });
    this.name = 'CatalogMismatchError';
  }
}

/** An event arrived for an opportunity whose submission is still being recorded: retry shortly. */
export class SubmissionInFlightError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: 'ACE_SUBMISSION_IN_FLIGHT', retryable: true });
    this.name = 'SubmissionInFlightError';
  }
}

/** Another invocation holds the claim to create this invitation's referral deal: retry later. */
export class ReferralInProgressError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: 'REFERRAL_IN_PROGRESS', retryable: true });
    this.name = 'ReferralInProgressError';
  }
}
