// What `pnpm start -- --live` reads from the environment, validated once. Every problem is reported in
// one line that names the variable and what was expected; values are never echoed (most are secrets).
import { isAbsolute, resolve } from 'node:path';
import type { Catalog } from '@govwin-ace/shared-core';
import type { MainArgs } from '../cli-args';
import { Secret } from './secret';

/** Real endpoints `--live` uses unless an override (for testing) is set. */
export const LIVE_DEFAULT_ENDPOINTS = {
  govwin: 'https://services.govwin.com/neo-ws',
  hubspot: 'https://api.hubapi.com',
} as const;

/** Variables `--live` cannot run without. */
export const LIVE_REQUIRED_ENV = [
  'GOVWIN_CLIENT_ID',
  'GOVWIN_CLIENT_SECRET',
  'GOVWIN_USERNAME',
  'GOVWIN_PASSWORD',
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_PORTAL_ID',
  'AWS_ACCOUNT_ID_FOR_ACE',
] as const;

/**
 * Endpoint overrides. They exist so the real `--live` code path can be tested against the simulators; the
 * plan marks an overridden endpoint, so nobody mistakes a test run for a real one.
 */
export const LIVE_ENDPOINT_OVERRIDES = [
  'GOVWIN_BASE_URL',
  'HUBSPOT_BASE_URL',
  'AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING',
] as const;

/** Where local state lives unless GOVWIN_ACE_LOCAL_DIR says otherwise (relative to the working directory). */
export const DEFAULT_LOCAL_DIR = '.local-runtime';

/** Validated settings of a live run. */
export interface LiveConfig {
  catalog: Catalog;
  /** Absolute directory holding DynamoDB Local's files, the lock and the log file. */
  stateDir: string;
  govwin: {
    baseUrl: string;
    overridden: boolean;
    /** GOVWIN_DISCOVERY as the orchestrator will read it (default `marked`). */
    discovery: string;
    clientId: Secret;
    clientSecret: Secret;
    username: Secret;
    password: Secret;
  };
  hubspot: {
    baseUrl: string;
    overridden: boolean;
    portalId: string;
    /** Only the receiver and the card use these; a live run runs neither. */
    appId: string | undefined;
    clientSecret: Secret | undefined;
    accessToken: Secret;
    pipelineLabel: string;
  };
  partnerCentral: {
    /** Override endpoint, when set; otherwise the SDK's default us-east-1 endpoint. */
    endpoint: string | undefined;
    accountId: string;
    /** Where the AWS credentials come from, in words (never the key itself). */
    credentialSource: string;
  };
}

/** A configuration problem; its message is the one line the command prints. */
export class LiveConfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LiveConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

const checkUrl = (name: string, value: string, problems: string[]): string => {
  let ok = false;
  try {
    const url = new URL(value);
    ok =
      !url.username &&
      !url.password &&
      (url.protocol === 'https:' || LOOPBACK_HTTP.test(value)) &&
      !url.search &&
      !url.hash;
  } catch {
    ok = false;
  }
  if (!ok)
    problems.push(`${name} must be an https URL (http only on loopback) without credentials`);
  return value.replace(/\/+$/, '');
};

const credentialSource = (env: Env): string => {
  if (env.AWS_ACCESS_KEY_ID) return 'access key in AWS_ACCESS_KEY_ID';
  if (env.AWS_PROFILE) return `profile ${env.AWS_PROFILE.slice(0, 64)} (AWS_PROFILE)`;
  return 'the default AWS credential chain';
};

const value = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v;
};

/**
 * Reads and validates a live run's settings. Throws LiveConfigError with one line: either the missing
 * variables, or every malformed one, or why the combination of flags is refused.
 * @example const config = readLiveConfig(args, process.env, process.cwd());
 */
export const readLiveConfig = (args: MainArgs, env: Env, cwd: string): LiveConfig => {
  if (args.serve)
    throw new LiveConfigError(
      '--live cannot be combined with --serve (real HubSpot and AWS cannot call this machine)'
    );
  if (args.dynalite)
    throw new LiveConfigError(
      '--live cannot use --dynalite: it needs DynamoDB Local (Java 17) to keep state between runs'
    );
  if (args.apiPort !== undefined)
    throw new LiveConfigError('--live serves no local API, so --api-port does not apply');
  if (value(env, 'ACE_CATALOG') === 'AWS' && args.catalog !== 'AWS')
    throw new LiveConfigError(
      'ACE_CATALOG=AWS is not enough: --live uses the AWS (production) catalog only with --catalog AWS'
    );
  const missing = LIVE_REQUIRED_ENV.filter((name) => value(env, name) === undefined);
  if (missing.length > 0)
    throw new LiveConfigError(
      `--live needs ${missing.join(', ')} in the environment (see docs/local-runtime.md)`
    );
  const problems: string[] = [];
  const portalId = value(env, 'HUBSPOT_PORTAL_ID') as string;
  if (!/^[1-9][0-9]{0,19}$/.test(portalId))
    problems.push('HUBSPOT_PORTAL_ID must be a HubSpot account id (digits)');
  const appId = value(env, 'HUBSPOT_APP_ID');
  if (appId !== undefined && !/^[1-9][0-9]{0,19}$/.test(appId))
    problems.push('HUBSPOT_APP_ID must be a HubSpot app id (digits)');
  const accountId = value(env, 'AWS_ACCOUNT_ID_FOR_ACE') as string;
  if (!/^[0-9]{12}$/.test(accountId))
    problems.push('AWS_ACCOUNT_ID_FOR_ACE must be a 12-digit AWS account id');
  const pipelineLabel = value(env, 'HUBSPOT_PIPELINE_LABEL') ?? 'GovWin Pipeline';
  if (pipelineLabel.length > 100)
    problems.push('HUBSPOT_PIPELINE_LABEL must be at most 100 characters');
  const govwinBase = value(env, 'GOVWIN_BASE_URL');
  const hubspotBase = value(env, 'HUBSPOT_BASE_URL');
  // The SDK also honours the generic AWS_ENDPOINT_URL: the plan must show where Partner Central calls go.
  const pcVar = value(env, 'AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING')
    ? 'AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING'
    : 'AWS_ENDPOINT_URL';
  const pcEndpoint = value(env, pcVar);
  const govwinUrl = govwinBase
    ? checkUrl('GOVWIN_BASE_URL', govwinBase, problems)
    : LIVE_DEFAULT_ENDPOINTS.govwin;
  const hubspotUrl = hubspotBase
    ? checkUrl('HUBSPOT_BASE_URL', hubspotBase, problems)
    : LIVE_DEFAULT_ENDPOINTS.hubspot;
  const pcUrl = pcEndpoint ? checkUrl(pcVar, pcEndpoint, problems) : undefined;
  const dir = value(env, 'GOVWIN_ACE_LOCAL_DIR') ?? DEFAULT_LOCAL_DIR;
  if (dir.includes('\0')) problems.push('GOVWIN_ACE_LOCAL_DIR must be a directory path');
  if (problems.length > 0) throw new LiveConfigError(`--live: ${problems.join('; ')}`);
  const secret = (name: string) => new Secret(value(env, name) as string);
  const clientSecret = value(env, 'HUBSPOT_CLIENT_SECRET');
  return {
    catalog: args.catalog ?? 'Sandbox',
    stateDir: isAbsolute(dir) ? dir : resolve(cwd, dir),
    govwin: {
      baseUrl: govwinUrl,
      overridden: govwinBase !== undefined,
      discovery: value(env, 'GOVWIN_DISCOVERY') ?? 'marked',
      clientId: secret('GOVWIN_CLIENT_ID'),
      clientSecret: secret('GOVWIN_CLIENT_SECRET'),
      username: secret('GOVWIN_USERNAME'),
      password: secret('GOVWIN_PASSWORD'),
    },
    hubspot: {
      baseUrl: hubspotUrl,
      overridden: hubspotBase !== undefined,
      portalId,
      appId,
      clientSecret: clientSecret === undefined ? undefined : new Secret(clientSecret),
      accessToken: secret('HUBSPOT_ACCESS_TOKEN'),
      pipelineLabel,
    },
    partnerCentral: {
      endpoint: pcUrl,
      accountId,
      credentialSource: credentialSource(env),
    },
  };
};
