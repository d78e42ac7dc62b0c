// Options of the Partner Central simulator and their validation (one-line errors on bad config).
import type {
  CountryCode,
  Industry,
  ReceiverResponsibility,
  SolutionStatus,
} from '@aws-sdk/client-partnercentral-selling';
import { CATALOGS, type Catalog } from '@govwin-ace/shared-core';
import type { FaultConfig } from '../common/fault-injector';
import type { SimClock } from '../common/sim-clock';
import { DEFAULT_QUOTAS, type QuotaLimits } from './quotas';
import { DEFAULT_REVIEW_SCRIPT, type ReviewScript } from './review-script';

/** Probability of an extra (spurious) ThrottlingException per operation, on top of the quotas. */
export interface ThrottlingFaults {
  default?: number;
  operations?: Readonly<Record<string, number>>;
}

export interface SolutionSeed {
  /** Both catalogs when omitted. */
  catalog?: Catalog;
  id?: string;
  name: string;
  status?: SolutionStatus;
  category?: string;
}

/** An AWS referral (OpportunityInvitation) sent to the partner. Names must be fictional. */
export interface InvitationSeed {
  catalog?: Catalog;
  id?: string;
  title: string;
  companyName: string;
  industry: Industry;
  websiteUrl: string;
  countryCode: CountryCode;
  businessProblem: string;
  /** YYYY-MM-DD. */
  targetCompletionDate: string;
  /** Expected monthly AWS spend in USD, as a decimal string. */
  expectedMonthlySpendUsd?: string;
  receiverResponsibilities?: readonly ReceiverResponsibility[];
  senderContactEmail?: string;
  senderCompanyName?: string;
  message?: string;
  /** Epoch ms; defaults to the simulator clock's now. */
  invitationDate?: number;
  /** Defaults to the simulator's invitationTtlMs (15 days). */
  expiresInMs?: number;
}

export interface PartnerCentralSimulatorOptions {
  /** TCP port on loopback; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Seed for ids, fault decisions and event ids (default 1). */
  seed?: number | string;
  /** Simulated clock (default: real time). Quotas, reviews, tasks and expiry all run on it. */
  clock?: SimClock;
  /** The partner account (fictional default). */
  accountId?: string;
  /** Access key id -> partner account, for multi-account runs; others map to `accountId`. */
  accessKeyAccounts?: Readonly<Record<string, string>>;
  /** Region written into events (default us-east-1). */
  region?: string;
  /** Catalogs this partner may use; the others answer AccessDeniedException (default both). */
  catalogs?: readonly Catalog[];
  quotas?: Partial<QuotaLimits>;
  /** Per-operation 5xx rate, latency and timeouts (keys are operation names). */
  faults?: FaultConfig;
  throttling?: ThrottlingFaults;
  /** Probability that an EventBridge event is lost. */
  eventDropRate?: number;
  review?: ReviewScript;
  /** Simulated time an asynchronous task takes (default 1 s; 0 completes it in the call). */
  taskDurationMs?: number;
  /** Lifetime of an engagement invitation (default 15 days). */
  invitationTtlMs?: number;
  /** Solutions available for association (default: three fictional ones per catalog). */
  solutions?: readonly SolutionSeed[];
  /** AWS referrals present at start (and after reset). */
  invitations?: readonly InvitationSeed[];
  /** Submission requires an associated solution, as the real service does (default true). */
  requireSolutionForSubmission?: boolean;
  /** Reject a TargetCloseDate before the simulated today (default true). */
  rejectPastTargetCloseDate?: boolean;
  /** Real-time interval at which due work runs without a request (default 100 ms; 0 = never). */
  autoTickMs?: number;
  /** How many recent events inspect() keeps (default 1000). */
  keepRecentEvents?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: number | string;
  accountId: string;
  accessKeyAccounts: Readonly<Record<string, string>>;
  region: string;
  catalogs: ReadonlySet<Catalog>;
  quotas: QuotaLimits;
  review: ReviewScript;
  taskDurationMs: number;
  invitationTtlMs: number;
  solutions: readonly SolutionSeed[];
  invitations: readonly InvitationSeed[];
  requireSolutionForSubmission: boolean;
  rejectPastTargetCloseDate: boolean;
  autoTickMs: number;
  keepRecentEvents: number;
}

export const DEFAULT_SOLUTIONS: readonly SolutionSeed[] = [
  { name: 'Example Cloud Migration Factory', category: 'Consulting Service' },
  { name: 'Example Records Modernisation Suite', category: 'Software Product' },
  { name: 'Example Legacy Connector', category: 'Software Product', status: 'Inactive' },
];

const FIFTEEN_DAYS = 15 * 86_400_000;

const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`partner-central simulator: ${name} must be a number >= 0`);
  }
  return value;
};

/** Checks a probability; throws a one-line error. */
export const checkRate = (name: string, value: unknown): number => {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`partner-central simulator: ${name} must be a number in [0, 1]`);
  }
  return value;
};

export const checkThrottling = (throttling: ThrottlingFaults): ThrottlingFaults => {
  if (throttling.default !== undefined) checkRate('throttling.default', throttling.default);
  for (const [op, rate] of Object.entries(throttling.operations ?? {})) {
    checkRate(`throttling.operations.${op}`, rate);
  }
  return throttling;
};

const resolveQuotas = (quotas: Partial<QuotaLimits> = {}): QuotaLimits => {
  const out = { ...DEFAULT_QUOTAS, ...quotas };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value !== 'number' || !(value > 0)) {
      throw new RangeError(`partner-central simulator: quotas.${key} must be a number > 0`);
    }
  }
  return out;
};

/** Applies defaults and validates; throws a one-line error on bad configuration. */
export const resolveOptions = (o: PartnerCentralSimulatorOptions): ResolvedOptions => {
  const catalogs = o.catalogs ?? CATALOGS;
  for (const c of catalogs) {
    if (!CATALOGS.includes(c)) {
      throw new RangeError(
        `partner-central simulator: unknown catalog (use ${CATALOGS.join(', ')})`
      );
    }
  }
  const accountId = o.accountId ?? '111122223333';
  if (!/^\d{12}$/.test(accountId)) {
    throw new RangeError('partner-central simulator: accountId must be 12 digits');
  }
  if (o.eventDropRate !== undefined) checkRate('eventDropRate', o.eventDropRate);
  if (o.throttling) checkThrottling(o.throttling);
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    seed: o.seed ?? 1,
    accountId,
    accessKeyAccounts: o.accessKeyAccounts ?? {},
    region: o.region ?? 'us-east-1',
    catalogs: new Set(catalogs),
    quotas: resolveQuotas(o.quotas),
    review: o.review ?? DEFAULT_REVIEW_SCRIPT,
    taskDurationMs: nonNegative('taskDurationMs', o.taskDurationMs, 1_000),
    invitationTtlMs: nonNegative('invitationTtlMs', o.invitationTtlMs, FIFTEEN_DAYS),
    solutions: o.solutions ?? DEFAULT_SOLUTIONS,
    invitations: o.invitations ?? [],
    requireSolutionForSubmission: o.requireSolutionForSubmission ?? true,
    rejectPastTargetCloseDate: o.rejectPastTargetCloseDate ?? true,
    autoTickMs: nonNegative('autoTickMs', o.autoTickMs, 100),
    keepRecentEvents: nonNegative('keepRecentEvents', o.keepRecentEvents, 1_000),
  };
};
