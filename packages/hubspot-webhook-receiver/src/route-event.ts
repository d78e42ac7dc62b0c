import { INTEGRATION_CHANGE_SOURCES, routeForProperty } from './routing-table';
import { DEAL_OBJECT_TYPE_ID, type HubSpotWebhookEvent } from './webhook-event';

/** What the receiver needs to know to route: the trigger stages and the integration's app id. */
export interface RoutingPolicy {
  /** Trigger stage ids, trimmed and lower-cased. */
  triggerStages: ReadonlySet<string>;
  /** The integration's HubSpot app id (the `sourceId` of its own writes). */
  appId: string;
}

/** The two audit-alert cases; each has its own subject. */
export const AUDIT_ALERT_KINDS = ['changed-outside-integration', 'foreign-integration'] as const;
export type AuditAlertKind = (typeof AUDIT_ALERT_KINDS)[number];

/** Why a valid event was not routed anywhere. */
export const DROP_REASONS = ['untracked-property', 'not-a-deal', 'not-a-trigger-stage'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** The decision for one valid event. */
export type RouteDecision =
  | { action: 'enqueue'; kind: 'submit' | 'update' }
  | { action: 'alert'; alert: AuditAlertKind }
  | { action: 'drop'; reason: DropReason }
  | { action: 'suppress' };

/** Builds the routing policy from configuration. */
export const makeRoutingPolicy = (config: {
  triggerStageIds: readonly string[];
  appId: string;
}): RoutingPolicy => ({
  triggerStages: new Set(config.triggerStageIds.map((s) => s.trim().toLowerCase())),
  appId: config.appId,
});

/** True when `changeSource` names an app writing through the API. */
export const isIntegrationSource = (changeSource: string | undefined): boolean =>
  changeSource !== undefined && INTEGRATION_CHANGE_SOURCES.has(changeSource.toUpperCase());

/** True when the change was written by this integration's own app (both the source kind and the app id). */
export const isOwnWrite = (event: HubSpotWebhookEvent, appId: string): boolean =>
  // The app id first: it rules out most events without upper-casing the change source.
  event.sourceId?.trim() === appId && isIntegrationSource(event.changeSource);

/**
 * Routes one validated event by the routing table. Pure; never throws.
 * - submit: only a stage in the trigger set; own writes are NOT suppressed (the card submits through the app);
 * - update: own writes suppressed (loop suppression);
 * - audit: own writes expected (suppressed); a non-integration source or a foreign app raises an alert.
 */
export const routeEvent = (event: HubSpotWebhookEvent, policy: RoutingPolicy): RouteDecision => {
  if (event.objectTypeId !== undefined && event.objectTypeId !== DEAL_OBJECT_TYPE_ID)
    return { action: 'drop', reason: 'not-a-deal' };
  const route = routeForProperty(event.propertyName);
  switch (route) {
    case 'submit':
      return policy.triggerStages.has(event.propertyValue.trim().toLowerCase())
        ? { action: 'enqueue', kind: 'submit' }
        : { action: 'drop', reason: 'not-a-trigger-stage' };
    case 'update':
      return isOwnWrite(event, policy.appId)
        ? { action: 'suppress' }
        : { action: 'enqueue', kind: 'update' };
    case 'audit':
      if (isOwnWrite(event, policy.appId)) return { action: 'suppress' };
      return {
        action: 'alert',
        alert: isIntegrationSource(event.changeSource)
          ? 'foreign-integration'
          : 'changed-outside-integration',
      };
    default:
      return { action: 'drop', reason: 'untracked-property' };
  }
};
