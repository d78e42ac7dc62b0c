import type { PublishCommand, PublishCommandOutput } from '@aws-sdk/client-sns';
import { ACE_OPPORTUNITY_ID, type Catalog } from '@govwin-ace/shared-core';
import type { AuditAlertKind } from './route-event';
import type { HubSpotWebhookEvent } from './webhook-event';

/** The slice of the SNS client the receiver uses (the real SNSClient satisfies it). */
export interface SnsPublisher {
  send(command: PublishCommand): Promise<PublishCommandOutput>;
}

/** The SNS message of one audit alert (without the topic). */
export interface AuditAlert {
  Subject: string;
  Message: string;
  /**
   * `kind` (`cosell-id-changed-outside-integration`, `cosell-id-foreign-integration`): the attribute every
   * alert of the stack carries for subscription filters; `alertType` (`audit.cosell-id.<case>`) as before.
   */
  MessageAttributes: {
    kind: { DataType: 'String'; StringValue: string };
    alertType: { DataType: 'String'; StringValue: string };
  };
}

/** One subject per case, so operators can filter and page on them separately. SNS caps subjects at 100. */
export const auditAlertSubject = (kind: AuditAlertKind, dealId: string): string =>
  (kind === 'foreign-integration'
    ? `AWS co-sell id written by another HubSpot app on deal ${dealId}`
    : `AWS co-sell id changed outside the integration on deal ${dealId}`
  ).slice(0, 100);

const SAFE_SOURCE_ID = /^[A-Za-z0-9:_.-]{1,64}$/;

/** Shows an attacker-influenced value only when it has a harmless shape; otherwise describes it. */
const describeSourceId = (sourceId: string | undefined): string => {
  if (sourceId === undefined || sourceId === '') return '(none)';
  return SAFE_SOURCE_ID.test(sourceId)
    ? sourceId
    : `(unusual value, ${sourceId.length} characters)`;
};

const describeValue = (value: string): string => {
  if (value === '') return '(cleared)';
  return ACE_OPPORTUNITY_ID.test(value)
    ? value
    : `(not an ACE opportunity id, ${value.length} characters)`;
};

/**
 * Builds the audit alert for a change of an audit-only property (`govwin_aws_cosell_id`) that the integration
 * did not make. The body holds ids and codes only; the new value is shown only when it is an ACE id.
 */
export const buildAuditAlert = (
  event: HubSpotWebhookEvent,
  kind: AuditAlertKind,
  ctx: { appId: string; catalog: Catalog; correlationId: string }
): AuditAlert => {
  const lines = [
    kind === 'foreign-integration'
      ? `HubSpot app ${describeSourceId(event.sourceId)} (not this integration, app ${ctx.appId}) wrote the deal property ${event.propertyName}.`
      : `The deal property ${event.propertyName} was changed outside the integration (change source ${event.changeSource?.toUpperCase() ?? 'unknown'}).`,
    'Only the integration writes it: it binds the deal to its AWS Partner Central opportunity. No call to AWS was made;',
    'the update flow verifies the binding before using it. Check who changed it and restore the value if needed.',
    '',
    `deal id: ${event.objectId}`,
    `portal id: ${event.portalId}`,
    `property: ${event.propertyName}`,
    `new value: ${describeValue(event.propertyValue)}`,
    `change source: ${event.changeSource?.toUpperCase() ?? '(none)'}`,
    `source id: ${describeSourceId(event.sourceId)}`,
    `expected app id: ${ctx.appId}`,
    `occurred at: ${new Date(event.occurredAt).toISOString()}`,
    `event id: ${event.eventId}`,
    `catalog: ${ctx.catalog}`,
    `correlation id: ${ctx.correlationId}`,
  ];
  return {
    Subject: auditAlertSubject(kind, event.objectId),
    Message: lines.join('\n'),
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: `cosell-id-${kind}` },
      alertType: { DataType: 'String', StringValue: `audit.cosell-id.${kind}` },
    },
  };
};
