/**
 * The one declarative routing table of the receiver: which deal property change goes where.
 *
 * - `submit`: `dealstage` changes *into a configured trigger stage* go to the submit queue. Writes made by the
 *   integration itself are NOT suppressed here: the card's Submit action (ui-ext-writes) moves the deal into the
 *   trigger stage through the app, and that echo is exactly what starts a submission (DESIGN §2.2).
 * - `update`: the whitelisted ACE-relevant properties go to the update queue, except the integration's own
 *   writes (loop suppression: mirrored AWS values, status notes, card writes applied directly — DESIGN §2.3,
 *   prior-art §22 Q1/Q22).
 * - `audit`: audit-only properties never cause an outbound call. A change by anyone but the integration raises an
 *   SNS audit alert; the integration's own write (the submitter storing the ACE id) is expected and dropped.
 *
 * The HubSpot app's webhook manifest (packages/hubspot-app/src/app/webhooks/webhooks-hsmeta.json) subscribes
 * exactly these properties; a unit test checks both directions.
 */
export const ROUTE_KINDS = ['submit', 'update', 'audit'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/** Property that starts a submission (with a value in the configured trigger stages). */
export const SUBMIT_TRIGGER_PROPERTY = 'dealstage';

/** Deal properties whose edits are mirrored onto the ACE opportunity (prior-art §8.2, plus competitor names). */
export const UPDATE_TRIGGER_PROPERTIES = [
  'amount',
  'closedate',
  'dealname',
  'description',
  'govwin_ace_additional_comments',
  'govwin_ace_aws_account_id',
  'govwin_ace_aws_products',
  'govwin_ace_closed_lost_reason',
  'govwin_ace_competitor_name',
  'govwin_ace_delivery_model',
  'govwin_ace_lifecycle_stage',
  'govwin_ace_marketing_campaign_name',
  'govwin_ace_marketing_channel',
  'govwin_ace_marketing_dev_funded',
  'govwin_ace_marketing_source',
  'govwin_ace_marketing_use_cases',
  'govwin_ace_national_security',
  'govwin_ace_next_steps',
  'govwin_ace_opportunity_type',
  'govwin_ace_other_competitor_names',
  'govwin_ace_partner_need',
  'govwin_ace_related_opportunity_id',
  'govwin_ace_sales_activities',
  'govwin_ace_solution_id',
  'govwin_ace_use_case',
  'govwin_industry',
] as const;

/** Properties that are only audited: a foreign change raises an alert, nothing else happens. */
export const AUDIT_ONLY_PROPERTIES = ['govwin_aws_cosell_id'] as const;

/** Every routed property and its route. Frozen; built once from the three lists above. */
export const ROUTING_TABLE: Readonly<Record<string, RouteKind>> = Object.freeze(
  Object.fromEntries([
    [SUBMIT_TRIGGER_PROPERTY, 'submit'],
    ...UPDATE_TRIGGER_PROPERTIES.map((p) => [p, 'update']),
    ...AUDIT_ONLY_PROPERTIES.map((p) => [p, 'audit']),
  ]) as Record<string, RouteKind>
);

/** The same table as a Map: one hashed lookup per event, no inherited keys to guard against. */
const ROUTES: ReadonlyMap<string, RouteKind> = new Map(Object.entries(ROUTING_TABLE));

/** The route of a deal property, or undefined when the receiver ignores it. */
export const routeForProperty = (propertyName: string): RouteKind | undefined =>
  ROUTES.get(propertyName);

/** True for a property the table routes (each is a valid HubSpot internal name; a unit test checks it). */
export const isRoutedProperty = (propertyName: string): boolean => ROUTES.has(propertyName);

/** Properties the webhook manifest must subscribe: `dealstage`, then the rest sorted. */
export const SUBSCRIBED_PROPERTIES: readonly string[] = Object.freeze([
  SUBMIT_TRIGGER_PROPERTY,
  ...Object.keys(ROUTING_TABLE)
    .filter((p) => p !== SUBMIT_TRIGGER_PROPERTY)
    .sort(),
]);

/** `changeSource` values HubSpot uses for writes made by an app through the API (upper-cased). */
export const INTEGRATION_CHANGE_SOURCES: ReadonlySet<string> = new Set([
  'INTEGRATION',
  'INTEGRATIONS_PLATFORM',
]);
