import { AppError } from '../errors/app-error';
import { ThrottledError } from '../errors/common-errors';

/** GovWin refused the credentials or the token (401 / invalid_grant / invalid_client). Not retryable. */
export class GovWinAuthError extends AppError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'GOVWIN_AUTH_FAILED', retryable: false });
    this.name = 'GovWinAuthError';
  }
}

/**
 * A password grant was not attempted because one already failed (in this run, or with these same
 * credentials in any run). GovWin locks the account after 5 failures; an operator must fix the
 * credentials secret. Not retryable.
 */
export class GovWinLockoutGuardError extends AppError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'GOVWIN_PASSWORD_GRANT_BLOCKED', retryable: false });
    this.name = 'GovWinLockoutGuardError';
  }
}

/** The organisation's 4,000-calls-per-hour budget stayed exhausted for longer than we may wait. */
export class GovWinBudgetError extends ThrottledError {
  public constructor(message: string, options: ErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { ...options, code: 'GOVWIN_BUDGET_EXHAUSTED' });
    this.name = 'GovWinBudgetError';
  }
}

/** GovWin refused access for a reason other than the budget (account on hold, subscription). */
export class GovWinAccessError extends AppError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'GOVWIN_ACCESS_DENIED', retryable: false });
    this.name = 'GovWinAccessError';
  }
}
