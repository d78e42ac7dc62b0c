// Canary values in AWS error text must never reach HubSpot, alerts, logs or the audit log. Partner
// Central is mocked here (the simulator never echoes values); DynamoDB is real.
import { randomUUID } from 'node:crypto';
import {
  CreateOpportunityCommand,
  GetOpportunityCommand,
  ListOpportunitiesCommand,
  PartnerCentralSellingClient,
  UpdateOpportunityCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-selling';
import {
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeAwsClients,
} from '@govwin-ace/shared-core';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { SubmitterDeps } from '../../src/context';
import { makeSubmitOpportunity } from '../../src/submit-opportunity';
import { makeUpdateOpportunity } from '../../src/update-opportunity';
import { CANARY, CANARY_VALUES, seedDeal } from '../helpers/deals';
import { makeFakeDealStore } from '../helpers/fake-deal-store';
import { PARTNER_ACCOUNT, SIM_START, STAGES } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage, SUBMIT_STAGE } from '../helpers/messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';

const pcMock = mockClient(PartnerCentralSellingClient);
let dyn: TestDynamo;
let deps: SubmitterDeps;
let deals: ReturnType<typeof makeFakeDealStore>;
let logger: ReturnType<typeof makeRecordingLogger>;
let alerts: ReturnType<typeof makeRecordingAlerts>;

const echoing = (errors: { FieldName: string; Code: string; Message: string }[]) =>
  new ValidationException({
    message: `Opportunity for ${CANARY.company} at ${CANARY.website} rejected (contact ${CANARY.contactEmail}, ${CANARY.phone})`,
    Message: `Opportunity for ${CANARY.company} at ${CANARY.website} rejected (contact ${CANARY.contactEmail}, ${CANARY.phone})`,
    Reason: 'REQUEST_VALIDATION_FAILED',
    ErrorList: errors as never,
    $metadata: { requestId: 'req-canary' },
  });

beforeAll(async () => {
  dyn = await createTestTables();
});
afterAll(async () => {
  await dyn.cleanup();
});
beforeEach(() => {
  pcMock.reset();
  deals = makeFakeDealStore();
  logger = makeRecordingLogger();
  alerts = makeRecordingAlerts();
  deps = {
    ace: makeAceClient({
      client: makeAwsClients({ region: 'us-east-1' }).partnerCentral(),
      catalog: 'Sandbox',
      gates: { read: async () => undefined, write: async () => undefined },
    }),
    repo: makeAceSubmissionRepo({ doc: dyn.doc, tableName: dyn.tables.entityMappings }),
    deals,
    audit: makeAuditLog({ doc: dyn.doc, tableName: dyn.tables.audit }),
    alerts,
    logger,
    metrics: makeRecordingMetrics(),
    settings: {
      catalog: 'Sandbox',
      pipelineId: 'p',
      referralStageId: 'r',
      submitStageIds: [SUBMIT_STAGE],
      stageIds: STAGES,
      awsAccountId: PARTNER_ACCOUNT,
      defaultSolutionId: 'S-0000001',
      involvementType: 'Co-Sell',
      visibility: 'Full',
    },
    now: () => SIM_START,
    newToken: randomUUID,
  };
});

const everythingVisible = async (dealId: string) =>
  [
    logger.text(),
    JSON.stringify(alerts.alerts),
    JSON.stringify(deals.writes),
    JSON.stringify(await deps.audit.listByDeal(dealId)),
  ].join('\n');

describe('redaction of AWS error text', () => {
  it('writes a per-field note with customer fields redacted and never leaks a canary (submit)', async () => {
    // Arrange
    const dealId = seedDeal(deals, '9701');
    pcMock.on(ListOpportunitiesCommand).resolves({ OpportunitySummaries: [] });
    pcMock.on(CreateOpportunityCommand).rejects(
      echoing([
        {
          FieldName: 'Customer.Account.CompanyName',
          Code: 'INVALID_VALUE',
          Message: `${CANARY.company} is not allowed`,
        },
        {
          FieldName: 'Project.Title',
          Code: 'INVALID_STRING_FORMAT',
          Message: `'${CANARY.title}' has a bad character`,
        },
        {
          FieldName: 'Project.DeliveryModels',
          Code: 'INVALID_ENUM_VALUE',
          Message: `Model for ${CANARY.company} (${CANARY.contactEmail}) is unknown`,
        },
      ])
    );

    // Act
    const err = await makeSubmitOpportunity(deps)(aSubmitMessage(dealId), {
      receiveCount: 1,
    }).catch((e) => e);

    // Assert
    expect(err).toMatchObject({ code: 'ACE_VALIDATION_FAILED', retryable: false });
    const note = deals.deals.get(dealId)?.govwin_ace_status_note ?? '';
    expect(note).toMatch(
      /^AWS CreateOpportunity failed \(ValidationException, REQUEST_VALIDATION_FAILED\): /
    );
    expect(note).toContain('Customer.Account.CompanyName INVALID_VALUE: [REDACTED]');
    expect(note).toContain('Project.Title INVALID_STRING_FORMAT: [REDACTED]');
    expect(note).toContain('Project.DeliveryModels INVALID_ENUM_VALUE: Model for [REDACTED]');
    const visible = await everythingVisible(dealId);
    for (const canary of CANARY_VALUES) expect(visible).not.toContain(canary);
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0]?.message).toContain('code: ACE_VALIDATION_FAILED');
    const audit = await deps.audit.listByDeal(dealId);
    expect(audit.map((r) => [r.operation, r.outcome])).toEqual([
      ['partnercentral:CreateOpportunity', 'failure'],
      ['hubspot:UpdateDeal', 'success'],
    ]);
  });

  it('scrubs a non-customer field message that echoes sent values (update)', async () => {
    // Arrange
    const dealId = seedDeal(deals, '9702', { govwin_aws_cosell_id: 'O9702' });
    pcMock.on(GetOpportunityCommand).resolves({
      Catalog: 'Sandbox',
      Id: 'O9702',
      PartnerOpportunityIdentifier: dealId,
      LastModifiedDate: new Date(SIM_START),
      Customer: { Account: { CompanyName: CANARY.company, WebsiteUrl: CANARY.website } },
      Project: {
        Title: CANARY.title,
        CustomerBusinessProblem: CANARY.problem,
        DeliveryModels: ['Resell'],
      },
      LifeCycle: { ReviewStatus: 'Approved', Stage: 'Qualified' },
      RelatedEntityIdentifiers: {},
    });
    pcMock.on(UpdateOpportunityCommand).rejects(
      echoing([
        {
          FieldName: 'Project.DeliveryModels',
          Code: 'INVALID_ENUM_VALUE',
          Message: `Delivery model of ${CANARY.title} for ${CANARY.company} not allowed: ${'x'.repeat(400)}`,
        },
      ])
    );

    // Act
    const err = await makeUpdateOpportunity(deps)(
      anUpdateMessage(dealId, 'govwin_ace_delivery_model'),
      {
        receiveCount: 1,
      }
    ).catch((e) => e);

    // Assert
    expect(err).toMatchObject({ code: 'ACE_VALIDATION_FAILED' });
    const note = deals.deals.get(dealId)?.govwin_ace_status_note ?? '';
    expect(note).toContain(
      'Project.DeliveryModels INVALID_ENUM_VALUE: Delivery model of [REDACTED] for [REDACTED]'
    );
    const message = note.split('INVALID_ENUM_VALUE: ')[1] ?? '';
    expect(message.length).toBeLessThanOrEqual(200);
    const visible = await everythingVisible(dealId);
    for (const canary of CANARY_VALUES) expect(visible).not.toContain(canary);
  });
});
