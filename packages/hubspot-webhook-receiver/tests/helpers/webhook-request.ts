import { createHmac } from 'node:crypto';
import { signHubSpotV3 } from '@govwin-ace/shared-core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ReceiverConfig } from '../../src/config';

/** A fixed "now" for every test (2026-11-23T12:00:00Z). */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const PUBLIC_URL = 'https://hooks.example.com/hubspot/webhooks';
export const CURRENT_SECRET = 'test-current-client-secret-0001';
export const PREVIOUS_SECRET = 'test-previous-client-secret-0000';
export const APP_ID = '3061842';
export const TRIGGER_STAGE = '1172538401';

export const TEST_CONFIG: ReceiverConfig = {
  publicWebhookUrl: PUBLIC_URL,
  signingSecretArn:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-dev-hubspot-AbCdEf',
  entityMappingsTable: 'govwin-ace-dev-entity-mappings',
  submitQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/govwin-ace-dev-ace-submit',
  updateQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/govwin-ace-dev-ace-update',
  alertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:govwin-ace-dev-notifications',
  appId: APP_ID,
  triggerStageIds: [TRIGGER_STAGE, 'submitted_to_aws'],
  catalog: 'Sandbox',
};

/** The environment that yields TEST_CONFIG. */
export const TEST_ENV: Record<string, string> = {
  PUBLIC_WEBHOOK_URL: TEST_CONFIG.publicWebhookUrl,
  HUBSPOT_SIGNING_SECRET_ARN: TEST_CONFIG.signingSecretArn,
  ENTITY_MAPPINGS_TABLE: TEST_CONFIG.entityMappingsTable,
  SUBMIT_QUEUE_URL: TEST_CONFIG.submitQueueUrl,
  UPDATE_QUEUE_URL: TEST_CONFIG.updateQueueUrl,
  ALERTS_TOPIC_ARN: TEST_CONFIG.alertsTopicArn,
  HUBSPOT_APP_ID: APP_ID,
  TRIGGER_STAGE_ID: `${TRIGGER_STAGE}, submitted_to_aws`,
  ACE_CATALOG: 'Sandbox',
};

let nextEventId = 5_000_000;

/** One deal property-change event as HubSpot sends it (a CRM_UI edit of `amount` unless overridden). */
export const aDealEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: nextEventId++,
  subscriptionId: 2462575,
  portalId: 24156720,
  appId: Number(APP_ID),
  occurredAt: NOW - 2_000,
  subscriptionType: 'object.propertyChange',
  attemptNumber: 0,
  objectId: 18923456701,
  objectTypeId: '0-3',
  propertyName: 'amount',
  propertyValue: '250000',
  changeSource: 'CRM_UI',
  sourceId: 'userId:88120345',
  ...overrides,
});

export interface RequestOptions {
  body: string;
  method?: string;
  /** Signing: which secret (default current), or `false` for no signature headers. */
  secret?: string | false;
  /** The URI the sender signed (default the configured public URL). */
  signedUri?: string;
  /** Timestamp header (default NOW). */
  timestamp?: string;
  /** Body actually sent, when it differs from the signed one (tampering). */
  sentBody?: string;
  contentType?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (payload v2) event carrying a HubSpot v3-signed delivery. */
export const aSignedRequest = (o: RequestOptions): APIGatewayProxyEventV2 => {
  const method = o.method ?? 'POST';
  const timestamp = o.timestamp ?? String(NOW);
  const headers: Record<string, string> = {
    'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/)',
    'x-hubspot-timeout-millis': '5000',
  };
  if (o.contentType !== null) headers['content-type'] = o.contentType ?? 'application/json';
  if (o.secret !== false) {
    headers['x-hubspot-request-timestamp'] = timestamp;
    const parts = { method, uri: o.signedUri ?? PUBLIC_URL, body: o.body, timestamp };
    const secret = o.secret ?? CURRENT_SECRET;
    // signHubSpotV3 refuses inputs HubSpot never produces; fuzzed requests still need a signature.
    headers['x-hubspot-signature-v3'] =
      /^[A-Z]{3,10}$/.test(method) && /^\d{1,16}$/.test(timestamp)
        ? signHubSpotV3(parts, secret)
        : createHmac('sha256', secret)
            .update(`${method}${parts.uri}${o.body}${timestamp}`)
            .digest('base64');
  }
  const sent = o.sentBody ?? o.body;
  return {
    version: '2.0',
    routeKey: 'POST /hubspot/webhooks',
    rawPath: '/hubspot/webhooks',
    rawQueryString: '',
    headers: { ...headers, ...o.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'hooks.example.com',
      domainPrefix: 'hooks',
      http: {
        method,
        path: '/hubspot/webhooks',
        protocol: 'HTTP/1.1',
        sourceIp: '54.174.60.10',
        userAgent: 'HubSpot Connect 2.0 (http://dev.hubspot.com/)',
      },
      requestId: 'req-1',
      routeKey: 'POST /hubspot/webhooks',
      stage: '$default',
      time: '23/Nov/2026:12:00:00 +0000',
      timeEpoch: NOW,
    },
    body: o.isBase64Encoded ? Buffer.from(sent, 'utf8').toString('base64') : sent,
    isBase64Encoded: o.isBase64Encoded ?? false,
  };
};

/** A signed delivery of `events` (JSON array). */
export const aDelivery = (events: readonly unknown[], o: Partial<RequestOptions> = {}) =>
  aSignedRequest({ body: JSON.stringify(events), ...o });
