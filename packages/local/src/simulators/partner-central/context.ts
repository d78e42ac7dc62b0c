// What every operation handler is given: the model, the per-catalog stores, the clock, ids, the
// scheduler, event publishing and the review engine.
import type { Catalog } from '@govwin-ace/shared-core';
import type { PartnerCentralDetailType } from './events';
import type { ResolvedOptions } from './options';
import type { ReviewEngine } from './review';
import type { Scheduler } from './scheduler';
import type { SellingModel } from './sdk-model';
import type { CatalogState, IdFactory, InvitationRecord } from './state';
import type { Json } from './validate';

export interface SimContext {
  model: SellingModel;
  options: ResolvedOptions;
  ids: IdFactory;
  scheduler: Scheduler;
  review: ReviewEngine;
  catalog(name: Catalog): CatalogState;
  emitOpportunity(type: PartnerCentralDetailType, catalog: Catalog, id: string, at: number): void;
  emitInvitation(type: PartnerCentralDetailType, invitation: InvitationRecord, at: number): void;
}

/** One validated call. `now` is the simulated time the call is handled at. */
export interface Call {
  operation: string;
  catalog: CatalogState;
  input: Json;
  now: number;
  account: string;
}

export type OperationHandler = (ctx: SimContext, call: Call) => Json;

/** A modification time strictly after the previous one, so LastModifiedDate always moves. */
export const nextModified = (previous: number, at: number): number => Math.max(at, previous + 1);

/** YYYY-MM-DD of an epoch-ms time (UTC). */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
