// Records of failed asynchronous runs as Lambda writes them to an on-failure destination
// (docs/operations.md §6), with fictional values. The personal data and free text below must never
// appear in any CLI output: tests assert it.

export const ACCOUNT = '111122223333';
export const PREFIX = 'govwin-ace-prod';
export const EVENTS_FUNCTION = `${PREFIX}-ace-submitter-events`;
export const RECONCILE_FUNCTION = `${PREFIX}-ace-submitter-reconcile`;
export const queueUrlOf = (functionName: string) =>
  `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${functionName}-async-dlq`;
export const functionArnOf = (functionName: string, qualifier = ':$LATEST') =>
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${functionName}${qualifier}`;

/** Values that must never be printed. */
export const SECRET_TEXT = {
  email: 'pat.example@records.example.gov',
  title: 'Fictional Records Modernisation',
  opportunityId: 'O9876543',
  stack: 'at handle (/var/task/index.mjs:1:2345)',
} as const;

/** The Partner Central event the events function received. */
export const PARTNER_CENTRAL_EVENT = {
  version: '0',
  id: '1f0e3c5a-7b2d-4c1e-9a8f-0d6e5c4b3a21',
  'detail-type': 'Opportunity Updated',
  source: 'aws.partnercentral-selling',
  account: ACCOUNT,
  time: '2026-03-04T10:05:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    schemaVersion: '1',
    catalog: 'AWS',
    opportunity: {
      identifier: SECRET_TEXT.opportunityId,
      title: SECRET_TEXT.title,
      contact: SECRET_TEXT.email,
    },
  },
};

/** A record of a run of `functionName` that failed all three attempts. */
export const retriesExhaustedRecord = (
  overrides: {
    functionName?: string;
    requestPayload?: unknown;
    responsePayload?: unknown;
    requestId?: string;
  } = {}
) => ({
  version: '1.0',
  timestamp: '2026-03-04T10:15:42.113Z',
  requestContext: {
    requestId: overrides.requestId ?? '7d0c2f0e-5b9a-4c47-9a55-3c1f1e2d4b6a',
    functionArn: functionArnOf(overrides.functionName ?? EVENTS_FUNCTION),
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: 'requestPayload' in overrides ? overrides.requestPayload : PARTNER_CENTRAL_EVENT,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload:
    'responsePayload' in overrides
      ? overrides.responsePayload
      : {
          errorType: 'UpstreamError',
          errorMessage: `HubSpot refused the contact ${SECRET_TEXT.email} of "${SECRET_TEXT.title}"`,
          trace: [`UpstreamError: ${SECRET_TEXT.email}`, SECRET_TEXT.stack],
        },
});

/** A record of a scheduled tick that waited longer than the maximum event age and never ran. */
export const eventAgeExceededRecord = (functionName = RECONCILE_FUNCTION) => ({
  version: '1.0',
  timestamp: '2026-03-04T11:00:00.000Z',
  requestContext: {
    requestId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    functionArn: functionArnOf(functionName),
    condition: 'EventAgeExceeded',
    approximateInvokeCount: 0,
  },
  requestPayload: {},
});
