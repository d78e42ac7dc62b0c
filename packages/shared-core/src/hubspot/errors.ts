import { AppError } from '../errors/app-error';

/**
 * HubSpot answered an error that retrying will not fix (400 validation, 401/403 token or scope, 404 on a
 * call that must find something, 409 conflict). The message is redacted: status, category and property
 * names only — never property values or HubSpot's free text, which may echo them.
 */
export class HubSpotError extends AppError {
  public readonly status: number | undefined;
  public readonly category: string | undefined;
  public constructor(
    message: string,
    options: ErrorOptions & { status?: number; category?: string; retryable?: boolean } = {}
  ) {
    const { status, category, retryable, ...rest } = options;
    super(message, {
      ...rest,
      code: status === 401 || status === 403 ? 'HUBSPOT_UNAUTHORIZED' : 'HUBSPOT_REQUEST_FAILED',
      retryable: retryable ?? false,
    });
    this.name = 'HubSpotError';
    this.status = status;
    this.category = category;
  }
}
