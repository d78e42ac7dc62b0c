// The small interfaces the submitter's cores depend on. Real adapters are wired in `wiring.ts`; tests pass
// in-memory doubles. Keeping HubSpot behind `DealStore` lets the cores stay independent of the HTTP client.
import type { Logger } from '@govwin-ace/shared-core';

/** Property values as HubSpot returns them; `null` clears a property on write. */
export type DealProperties = Record<string, string | null>;

/** A HubSpot deal (or company/contact) record, reduced to what the cores read. */
export interface DealRecord {
  id: string;
  properties: DealProperties;
}

/** A page request for {@link DealStore.listDealsInStages}. */
export interface DealStageQuery {
  stageIds: readonly string[];
  /** Properties to read. */
  properties: readonly string[];
  /** Only deals where none of these properties has a value. */
  unset?: readonly string[];
  /** Only deals whose id is greater than this deal id (the previous page's `next`). */
  afterId?: string;
  /** Page size, 1..200 (HubSpot's search maximum). */
  limit: number;
}

/** One page of deals and the cursor of the next one (absent on the last page). */
export interface DealPage {
  deals: DealRecord[];
  next?: string;
}

/** A page request for {@link DealStore.listSubmittedDealsModifiedSince}. */
export interface ModifiedDealQuery {
  /** Only deals HubSpot last modified at or after this time (epoch ms). */
  sinceMs: number;
  /** Properties to read. */
  properties: readonly string[];
  /** Only deals whose id is greater than this deal id (the previous page's `next`). */
  afterId?: string;
  /** Page size, 1..200. */
  limit: number;
}

/** One version of a deal property: its value, when and by what kind of source it was written. */
export interface DealPropertyVersion {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId: string;
}

/** The deal owner (a HubSpot user). */
export interface DealOwner {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
}

/** HubSpot operations the submitter needs. Missing or archived records read as `undefined`. */
export interface DealStore {
  getDeal(dealId: string, properties: readonly string[]): Promise<DealRecord | undefined>;
  /** Sets (or, with null, clears) exactly these properties. */
  updateDeal(dealId: string, properties: DealProperties): Promise<void>;
  createDeal(input: {
    properties: DealProperties;
    pipelineId: string;
    stageId: string;
  }): Promise<{ id: string }>;
  /**
   * One page of the deals whose stage is one of `stageIds` and which have no value in any of `unset`, in
   * ascending id order, starting after the deal id `afterId` (the reconcile sweep re-queues trigger-stage
   * deals whose webhook was lost and pages through them with `next`).
   */
  listDealsInStages(query: DealStageQuery): Promise<DealPage>;
  /**
   * One page of the deals that carry a co-sell id and were modified since `sinceMs`, in ascending id order
   * (the lost-edit sweep looks for rep edits whose webhook never arrived).
   */
  listSubmittedDealsModifiedSince(query: ModifiedDealQuery): Promise<DealPage>;
  /** The versions of `properties` of each deal, newest first (deals that no longer exist are left out). */
  readPropertyHistory(
    dealIds: readonly string[],
    properties: readonly string[]
  ): Promise<Map<string, Record<string, DealPropertyVersion[]>>>;
  /** The id of the (first) deal whose `property` equals `value`, if any. */
  findDealByProperty(property: string, value: string): Promise<string | undefined>;
  /** The deal's primary associated company. */
  getAssociatedCompany(
    dealId: string,
    properties: readonly string[]
  ): Promise<DealRecord | undefined>;
  /** Up to `limit` associated contacts. */
  getAssociatedContacts(
    dealId: string,
    properties: readonly string[],
    limit: number
  ): Promise<DealRecord[]>;
  getOwner(ownerId: string): Promise<DealOwner | undefined>;
}

/** One operator alert (SNS). Subject and message carry ids and codes only, never deal or AWS text. */
export interface Alert {
  subject: string;
  message: string;
  /** Attributes for filtering subscriptions (e.g. `kind`). */
  kind: string;
}

/** Publishes operator alerts. */
export interface AlertPublisher {
  publish(alert: Alert): Promise<void>;
}

/** Counters for CloudWatch metrics (names from the shared metric catalogue). */
export interface MetricsPort {
  count(name: string, value?: number): void;
}

/** A no-op metrics port (local runs, tests that do not assert metrics). */
export const noMetrics: MetricsPort = { count: () => undefined };

/** What the cores log through (the shared redacting Powertools logger satisfies it). */
export type LoggerPort = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
