// GovWin WSAPI error bodies (external-apis.md §3.9): API errors use
// `{ errors: [{ logref, message, links: { resource: { href } } }] }`; OAuth errors use
// `{ error, error_description }`.
import type { SimResponse } from '../common/http-simulator';

export const apiError = (
  status: number,
  logref: string,
  message: string,
  href: string
): SimResponse => ({
  status,
  body: { errors: [{ logref, message, links: { resource: { href } } }] },
});

export const oauthError = (status: number, error: string, description: string): SimResponse => ({
  status,
  headers: { 'cache-control': 'no-store' },
  body: { error, error_description: description },
});

/** Thrown by parameter validation; turned into a 422 by the simulator. */
export class GovWinParamError extends Error {
  public readonly logref: string;
  public constructor(logref: string, message: string) {
    super(message);
    this.name = 'GovWinParamError';
    this.logref = logref;
  }
}
