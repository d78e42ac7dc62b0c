import type { Catalog } from '@govwin-ace/shared-core';
import { type AuditAlert, buildAuditAlert } from './audit-alert';
import { makeDeliveryMessageWriter } from './queue-message-format';
import { type RoutingPolicy, routeEvent } from './route-event';
import {
  fastParseWebhookEvent,
  type HubSpotWebhookEvent,
  validateWebhookEvent,
} from './webhook-event';

/** Per-route counts returned to HubSpot (and logged). */
export interface DeliveryCounts {
  received: number;
  submit: number;
  update: number;
  audit: number;
  dropped: number;
  invalid: number;
  loopSuppressed: number;
}

/** What one delivery turns into, before anything leaves the process. */
export interface DeliveryPlan {
  /** Planned counts; `submit`/`update`/`audit` are what the hand-off is asked to deliver. */
  counts: DeliveryCounts;
  submitBodies: string[];
  updateBodies: string[];
  alerts: AuditAlert[];
  /** Invalid elements by index, with `path:code` problems (never values). */
  invalid: { index: number; problems: readonly string[] }[];
  /** Per valid event: ids, property name and outcome — what the accepted log line shows. */
  trace: { dealId: string; eventId: string; property: string; outcome: string }[];
}

/** Per-delivery context of {@link planDelivery}. */
export interface PlanContext {
  policy: RoutingPolicy;
  appId: string;
  catalog: Catalog;
  /** ISO time the delivery was accepted. */
  receivedAt: string;
  correlationId: string;
  /**
   * True only when the events were parsed from JSON text that `isEscapeFreeJson` accepted: their strings then
   * need no escaping in the queue messages. A speed-up only; leave it out when unsure.
   */
  escapeFreeSource?: boolean;
}

/**
 * Remembers the (portal, subscription, event id) triples of one delivery; true the first time a triple is seen.
 * A delivery nearly always has a single portal and subscription, so event ids are kept per (portal, subscription)
 * and that scope is looked up only when it changes (no per-event key string to build and hash).
 */
const makeFirstSighting = () => {
  const scopes = new Map<string, Set<string>>();
  let portal: string | undefined;
  let subscription: string | undefined;
  let ids = new Set<string>();
  return (e: HubSpotWebhookEvent): boolean => {
    const sub = e.subscriptionId ?? '';
    if (e.portalId !== portal || sub !== subscription) {
      portal = e.portalId;
      subscription = sub;
      const scope = `${portal}:${sub}`;
      ids = scopes.get(scope) ?? new Set<string>();
      scopes.set(scope, ids);
    }
    if (ids.has(e.eventId)) return false;
    ids.add(e.eventId);
    return true;
  };
};

/**
 * Validates every event of a verified delivery and routes the valid ones (pure: no I/O, never throws).
 * Invalid events are counted and listed; an event repeated inside the delivery (same portal, subscription and
 * event id) is kept once.
 */
export const planDelivery = (rawEvents: readonly unknown[], ctx: PlanContext): DeliveryPlan => {
  const plan: DeliveryPlan = {
    counts: {
      received: rawEvents.length,
      submit: 0,
      update: 0,
      audit: 0,
      dropped: 0,
      invalid: 0,
      loopSuppressed: 0,
    },
    submitBodies: [],
    updateBodies: [],
    alerts: [],
    invalid: [],
    trace: [],
  };
  const { counts } = plan;
  const writeMessage = makeDeliveryMessageWriter(
    { catalog: ctx.catalog, receivedAt: ctx.receivedAt, correlationId: ctx.correlationId },
    { escapeFreeSource: ctx.escapeFreeSource === true }
  );
  const firstSighting = makeFirstSighting();
  for (let index = 0; index < rawEvents.length; index++) {
    const raw = rawEvents[index];
    // The fast path first; only an event it declines goes through the schema (which then explains why).
    let e = fastParseWebhookEvent(raw);
    if (e === undefined) {
      const v = validateWebhookEvent(raw);
      if (!v.ok) {
        counts.invalid++;
        plan.invalid.push({ index, problems: v.problems });
        continue;
      }
      e = v.event;
    }
    let outcome: string;
    if (!firstSighting(e)) {
      counts.dropped++;
      outcome = 'duplicate-in-delivery';
    } else {
      const d = routeEvent(e, ctx.policy);
      if (d.action === 'enqueue') {
        const body = writeMessage(e, d.kind);
        if (d.kind === 'submit') {
          plan.submitBodies.push(body);
          counts.submit++;
        } else {
          plan.updateBodies.push(body);
          counts.update++;
        }
        outcome = d.kind;
      } else if (d.action === 'alert') {
        plan.alerts.push(buildAuditAlert(e, d.alert, ctx));
        counts.audit++;
        outcome = `alert:${d.alert}`;
      } else if (d.action === 'suppress') {
        counts.loopSuppressed++;
        outcome = 'loop-suppressed';
      } else {
        counts.dropped++;
        outcome = `dropped:${d.reason}`;
      }
    }
    plan.trace.push({ dealId: e.objectId, eventId: e.eventId, property: e.propertyName, outcome });
  }
  return plan;
};
