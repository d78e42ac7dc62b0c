// EventBridge events in the envelope Partner Central delivers to the default bus (external-apis
// §1.9): source `aws.partnercentral-selling`, a detail carrying only identifiers. Delivery is best
// effort, like the real service: a configured drop rate loses events, and a failing subscriber is
// counted, never retried.
import type { Catalog } from '@govwin-ace/shared-core';
import type { Rng } from '../common/rng';

export const EVENT_SOURCE = 'aws.partnercentral-selling';

export type PartnerCentralDetailType =
  | 'Opportunity Created'
  | 'Opportunity Updated'
  | 'Engagement Invitation Created'
  | 'Engagement Invitation Accepted'
  | 'Engagement Invitation Rejected'
  | 'Engagement Invitation Expired';

export interface OpportunityEventDetail {
  schemaVersion: '1';
  catalog: Catalog;
  opportunity: { identifier: string; url: string };
}

/** Invitation events are documented only by secondary sources; keep to identifiers. */
export interface InvitationEventDetail {
  schemaVersion: '1';
  catalog: Catalog;
  engagementInvitation: {
    id: string;
    arn: string;
    engagementId: string;
    participantType: 'Receiver';
    payloadType: string;
    expirationDate: string;
  };
}

export interface PartnerCentralEvent {
  version: '0';
  id: string;
  'detail-type': PartnerCentralDetailType;
  source: typeof EVENT_SOURCE;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: OpportunityEventDetail | InvitationEventDetail;
}

export type EventListener = (event: PartnerCentralEvent) => void | Promise<void>;

export interface EventStats {
  emitted: number;
  dropped: number;
  deliveryErrors: number;
  byType: Record<string, number>;
}

export interface EventBus {
  publish(
    type: PartnerCentralDetailType,
    detail: PartnerCentralEvent['detail'],
    at: number,
    dropped: boolean
  ): void;
  subscribe(listener: EventListener): () => void;
  stats(): EventStats;
  recent(): PartnerCentralEvent[];
  reset(): void;
}

/** A v4-shaped UUID from the seeded source, so event ids repeat run to run. */
export const uuidFrom = (rng: Rng): string => {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + rng.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

/** EventBridge times have second precision. */
const eventTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const makeEventBus = (options: {
  account: string;
  region: string;
  /** Event ids; a seeded source keeps runs reproducible. */
  newId: () => string;
  keepRecent: number;
}): EventBus => {
  const listeners = new Set<EventListener>();
  let stats: EventStats = { emitted: 0, dropped: 0, deliveryErrors: 0, byType: {} };
  let recent: PartnerCentralEvent[] = [];
  const onFailure = () => {
    stats.deliveryErrors += 1;
  };
  return {
    publish: (type, detail, at, dropped) => {
      const event: PartnerCentralEvent = {
        version: '0',
        id: options.newId(),
        'detail-type': type,
        source: EVENT_SOURCE,
        account: options.account,
        time: eventTime(at),
        region: options.region,
        resources: [],
        detail,
      };
      if (dropped) {
        stats.dropped += 1;
        return;
      }
      stats.emitted += 1;
      stats.byType[type] = (stats.byType[type] ?? 0) + 1;
      if (options.keepRecent > 0) {
        recent.push(event);
        if (recent.length > options.keepRecent) recent.shift();
      }
      for (const listener of listeners) {
        try {
          const out = listener(structuredClone(event));
          if (out && typeof out.then === 'function') out.then(undefined, onFailure);
        } catch {
          onFailure();
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stats: () => structuredClone(stats),
    recent: () => structuredClone(recent),
    reset: () => {
      stats = { emitted: 0, dropped: 0, deliveryErrors: 0, byType: {} };
      recent = [];
    },
  };
};
