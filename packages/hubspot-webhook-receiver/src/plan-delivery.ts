import type { Catalog } from '@govwin-ace/shared-core';
import { type AuditAlert, buildAuditAlert } from './audit-alert';
import { serialiseQueueMessage, toQueueMessage } from './queue-message-format';
import { type RoutingPolicy, routeEvent } from './route-event';
import { validateWebhookEvent } from './webhook-event';

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
}

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
  const messageCtx = {
    catalog: ctx.catalog,
    receivedAt: ctx.receivedAt,
    correlationId: ctx.correlationId,
  };
  const seen = new Set<string>();
  rawEvents.forEach((raw, index) => {
    const v = validateWebhookEvent(raw);
    if (!v.ok) {
      counts.invalid++;
      plan.invalid.push({ index, problems: v.problems });
      return;
    }
    const e = v.event;
    const dedupKey = `${e.portalId}:${e.subscriptionId ?? ''}:${e.eventId}`;
    let outcome: string;
    if (seen.has(dedupKey)) {
      counts.dropped++;
      outcome = 'duplicate-in-delivery';
    } else {
      seen.add(dedupKey);
      const d = routeEvent(e, ctx.policy);
      if (d.action === 'enqueue') {
        const body = serialiseQueueMessage(toQueueMessage(e, d.kind, messageCtx));
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
  });
  return plan;
};
