import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { replayFingerprint, signCardRequest } from '@govwin-ace/shared-core';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { startFakeAws } from '../helpers/fake-aws';

// The real handler module (src/handlers/reads.ts) with its real AWS clients: DynamoDB Local for the replay
// rows, and a loopback fake speaking the AWS JSON protocol for Secrets Manager and Partner Central.
const SECRET = 'integration-signing-secret';
const BASE = 'https://api.example.com/ui-extension';
const SIGNING_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:signing-AbCdEf';

let ddb: TestDynamo;
let aws: Awaited<ReturnType<typeof startFakeAws>>;
let handler: (
  event: APIGatewayProxyEventV2,
  context: Context
) => Promise<{
  statusCode: number;
  body: string;
}>;
const saved = { ...process.env };

beforeAll(async () => {
  ddb = await createTestTables();
  aws = await startFakeAws({
    'secretsmanager.GetSecretValue': () => ({
      ARN: SIGNING_ARN,
      Name: 'signing',
      SecretString: JSON.stringify({ current: SECRET }),
    }),
    'AWSPartnerCentralSelling.ListSolutions': () => ({
      SolutionSummaries: [
        {
          Id: 'S-1000001',
          Name: 'Secure Cloud Landing Zone',
          Category: 'Consulting Service',
          Status: 'Active',
          Catalog: 'Sandbox',
          Arn: 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/solution/S-1000001',
          CreatedDate: '2024-01-01T00:00:00Z',
        },
      ],
    }),
  });
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: aws.endpoint,
    ACE_CATALOG: 'Sandbox',
    HUBSPOT_SIGNING_SECRET_ARN: SIGNING_ARN,
    ENTITY_MAPPINGS_TABLE: ddb.tables.entityMappings,
    PUBLIC_UI_BASE_URL: BASE,
    HUBSPOT_APP_ID: '1234',
    PIPELINE_ID: '7001',
    TRIGGER_STAGE_ID: '9001',
    REFERRAL_STAGE_ID: '9100',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  ({ handler } = (await import('../../src/handlers/reads')) as unknown as {
    handler: typeof handler;
  });
});

afterAll(async () => {
  process.env = saved;
  await aws.close();
  await ddb.cleanup();
});

const context = (id: string) => ({ awsRequestId: id }) as Context;
const get = (path: string, timestamp = Date.now()) =>
  signCardRequest({
    method: 'GET',
    path,
    caller: { userId: '7001', portalId: '99', appId: '1234' },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp,
  });

describe('reads handler (real module, DynamoDB Local)', () => {
  it('serves the solutions list and reserves the request under WHK#', async () => {
    // Arrange
    const event = get('/solutions');
    // Act
    const res = await handler(event as unknown as APIGatewayProxyEventV2, context('req-1'));
    // Assert
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      catalog: 'Sandbox',
      solutions: [{ id: 'S-1000001', name: 'Secure Cloud Landing Zone' }],
      correlationId: 'req-1',
    });
    const fp = replayFingerprint(
      event.headers['x-hubspot-signature-v3'] ?? '',
      event.headers['x-hubspot-request-timestamp'] ?? ''
    );
    const row = await ddb.doc.send(
      new GetCommand({ TableName: ddb.tables.entityMappings, Key: { pk: `WHK#${fp}`, sk: 'SEEN' } })
    );
    expect(row.Item?.pk).toBe(`WHK#${fp}`);
    expect(aws.calls.find((c) => c.target.endsWith('ListSolutions'))?.input).toMatchObject({
      Catalog: 'Sandbox',
      Status: ['Active'],
    });
  });

  it('refuses the same signed request a second time with 409', async () => {
    const event = get('/config');
    const first = await handler(event as unknown as APIGatewayProxyEventV2, context('req-2'));
    const second = await handler(event as unknown as APIGatewayProxyEventV2, context('req-3'));
    expect([first.statusCode, second.statusCode]).toEqual([200, 409]);
  });

  it('refuses a request signed with another secret with 401', async () => {
    const event = signCardRequest({
      method: 'GET',
      path: '/config',
      caller: { userId: '7001' },
      publicBaseUrl: BASE,
      secret: 'not-the-secret',
    });
    const res = await handler(event as unknown as APIGatewayProxyEventV2, context('req-4'));
    expect(res.statusCode).toBe(401);
  });
});
