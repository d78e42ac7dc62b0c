// Turns anything a command threw into one printable line and an exit code. Messages come from our own
// errors (written to carry ids and codes only) or are built here from error names and network codes:
// AWS and vendor error text is never printed, it can quote customer data.
import { AppError } from '@govwin-ace/shared-core';
import { UsageError } from '../command';
import { EXIT_CODE, type ExitCode } from './exit-codes';

/** An error a command raises on purpose, with the exit code it means. */
export class CliError extends AppError {
  public readonly exitCode: ExitCode;
  public constructor(message: string, exitCode: ExitCode, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'CLI_FAILURE' });
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Wraps a failure of one external service so the printed line can name the service. */
export class ServiceCallError extends Error {
  public readonly service: string;
  public constructor(service: string, cause: unknown) {
    super(`${service} call failed`, { cause });
    this.name = 'ServiceCallError';
    this.service = service;
  }
}

/**
 * Runs `call`, labelling any failure with the service it talked to (`HubSpot`, `SQS`, ...).
 * @example const deal = await withService('HubSpot', () => hubspot.getDeal(id));
 */
export const withService = async <T>(service: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ServiceCallError || err instanceof CliError || err instanceof UsageError)
      throw err;
    throw new ServiceCallError(service, err);
  }
};

/** What a failure prints and returns. */
export interface Failure {
  exitCode: ExitCode;
  message: string;
  /** A stable code for --json output. */
  code: string;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'MissingAuthenticationToken',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const CONFIG_CODES = new Set([
  'CONFIG_INVALID',
  'SECRET_UNAVAILABLE',
  'SECRET_MALFORMED',
  'GOVWIN_AUTH_FAILED',
  'GOVWIN_PASSWORD_GRANT_BLOCKED',
  'GOVWIN_ACCESS_DENIED',
  'HUBSPOT_UNAUTHORIZED',
  'EGRESS_DENIED',
]);
const UNAVAILABLE_CODES = new Set([
  'UPSTREAM_FAILED',
  'THROTTLED',
  'STATE_STORE_FAILED',
  'HTTP_TIMEOUT',
  'HTTP_NETWORK',
  'HTTP_429',
  'ACE_THROTTLED',
  'ACE_UNAVAILABLE',
  'ACE_INTERNAL_ERROR',
  'ACE_QUOTA_EXCEEDED',
  'GOVWIN_BUDGET_EXHAUSTED',
]);

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  status?: unknown;
  cause?: unknown;
  message?: unknown;
  $fault?: unknown;
}

/** The error and its causes, outermost first (bounded, cycle-safe). */
const chainOf = (err: unknown): ErrorLike[] => {
  const out: ErrorLike[] = [];
  let current: unknown = err;
  while (typeof current === 'object' && current !== null && out.length < 8) {
    if (out.includes(current as ErrorLike)) break;
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nameOf = (e: ErrorLike): string => {
  const n = str(e.name);
  return n && SAFE_NAME.test(n) ? n : 'Error';
};

/**
 * The network error code of an error: its `code`, or a code named in its message (the AWS SDK wraps
 * errors it does not recognise as "AWS SDK error wrapper for Error: connect ECONNREFUSED ...").
 * Only the code itself is ever printed.
 */
const networkCodeOf = (e: ErrorLike): string | undefined => {
  const code = str(e.code);
  if (code && NETWORK_CODES.has(code)) return code;
  const named = /\b(E[A-Z_]{3,20}|UND_ERR_[A-Z_]{3,30})\b/.exec(str(e.message) ?? '')?.[1];
  return named && NETWORK_CODES.has(named) ? named : undefined;
};

/** One line: no newlines, bounded length. */
export const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const appMessage = (e: AppError): string => `${oneLine(e.message)} [${e.code}]`;

/**
 * Classifies a failure. `service` names what was being called (e.g. `HubSpot`), for network errors.
 * @example const f = describeFailure(err, 'SQS'); io.stderr.write(`${f.message}\n`); return f.exitCode;
 */
export const describeFailure = (err: unknown, serviceHint?: string): Failure => {
  if (err instanceof ServiceCallError) return describeFailure(err.cause, err.service);
  const service = serviceHint;
  if (err instanceof UsageError)
    return { exitCode: EXIT_CODE.usage, message: oneLine(err.message), code: 'USAGE' };
  const chain = chainOf(err);
  const cli = chain.find((e): e is CliError => e instanceof CliError);
  if (cli) return { exitCode: cli.exitCode, message: oneLine(cli.message), code: 'CLI_FAILURE' };
  const top = chain[0];
  const topApp = chain.find((e): e is AppError => e instanceof AppError);
  const where = service ? `${service}: ` : '';

  const network = chain.find(
    (e) =>
      networkCodeOf(e) !== undefined ||
      ['TimeoutError', 'AbortError'].includes(nameOf(e)) ||
      str(e.code) === 'HTTP_NETWORK' ||
      str(e.code) === 'HTTP_TIMEOUT'
  );
  const credential = chain.find((e) => CREDENTIAL_ERRORS.has(nameOf(e)));
  const httpAuth = chain.find(
    (e) => e instanceof AppError && (e.code === 'HTTP_401' || e.code === 'HTTP_403')
  );
  if (credential || httpAuth || chain.some((e) => str(e.code) === 'ACE_ACCESS_DENIED')) {
    const which = credential ? nameOf(credential) : 'access denied';
    return {
      exitCode: EXIT_CODE.config,
      message: `${where}credentials missing or rejected (${which})${topApp ? `: ${appMessage(topApp)}` : ''}`,
      code: 'CREDENTIALS',
    };
  }
  if (network) {
    const code =
      chain.map(networkCodeOf).find((c) => c !== undefined) ??
      (str(network.code) === 'HTTP_TIMEOUT' || nameOf(network) === 'TimeoutError'
        ? 'timeout'
        : 'network error');
    return {
      exitCode: EXIT_CODE.unavailable,
      message: `${service ?? 'a service'} is unreachable (${code})`,
      code: 'UNAVAILABLE',
    };
  }
  if (chain.some((e) => CONFIG_CODES.has(str(e.code) ?? '')))
    return {
      exitCode: EXIT_CODE.config,
      message: `${where}${topApp ? appMessage(topApp) : 'configuration problem'}`,
      code: 'CONFIG',
    };
  if (chain.some((e) => ['NOT_FOUND', 'ACE_NOT_FOUND'].includes(str(e.code) ?? '')))
    return {
      exitCode: EXIT_CODE.notFound,
      message: `${where}${topApp ? appMessage(topApp) : 'not found'}`,
      code: 'NOT_FOUND',
    };
  if (chain.some((e) => str(e.code) === 'INVALID_ID'))
    return {
      exitCode: EXIT_CODE.usage,
      message: topApp ? appMessage(topApp) : 'invalid id',
      code: 'USAGE',
    };
  const status = chain.map((e) => e.status).find((s): s is number => typeof s === 'number');
  if (
    chain.some((e) => UNAVAILABLE_CODES.has(str(e.code) ?? '') || e.$fault === 'server') ||
    (status !== undefined && status >= 500)
  )
    return {
      exitCode: EXIT_CODE.unavailable,
      message: `${where}${topApp ? appMessage(topApp) : `${nameOf(top ?? {})} (service failure)`}`,
      code: 'UNAVAILABLE',
    };
  if (topApp)
    return {
      exitCode: EXIT_CODE.problems,
      message: `${where}${appMessage(topApp)}`,
      code: topApp.code,
    };
  return {
    exitCode: EXIT_CODE.internal,
    message: `${where}unexpected ${nameOf(top ?? {})}`,
    code: 'INTERNAL',
  };
};
