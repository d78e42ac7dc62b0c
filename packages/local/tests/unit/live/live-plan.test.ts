import { describe, expect, it } from '@jest/globals';
import { parseMainArgs } from '../../../src/cli-args';
import { readLiveConfig } from '../../../src/live/live-config';
import type { PlannedSubmission } from '../../../src/live/live-discovery';
import { describePlan, describeTargets } from '../../../src/live/live-plan';
import type { LocalPipeline } from '../../../src/runtime/local-environment';

const SECRETS = {
  GOVWIN_CLIENT_ID: 'secret-gw-client-id',
  GOVWIN_CLIENT_SECRET: 'secret-gw-client-secret',
  GOVWIN_USERNAME: 'secret-gw-user',
  GOVWIN_PASSWORD: 'secret-gw-password',
  HUBSPOT_ACCESS_TOKEN: 'secret-hubspot-token',
  HUBSPOT_CLIENT_SECRET: 'secret-hubspot-client-secret',
};
const ENV = { ...SECRETS, HUBSPOT_PORTAL_ID: '24156720', AWS_ACCOUNT_ID_FOR_ACE: '123456789012' };
const PIPELINE: LocalPipeline = {
  pipelineId: '777',
  stageIds: {
    trigger: '1001',
    referral: '1002',
    submitted: '1003',
    inReview: '1004',
    approved: '1005',
    actionRequired: '1006',
    closedLost: '1007',
    closedWon: '1008',
  },
};
const config = (flags: string[] = [], env: Record<string, string> = ENV) =>
  readLiveConfig(parseMainArgs(['--live', ...flags]), env, '/w');
const planned = (
  kind: PlannedSubmission['kind'],
  dealId: string,
  extra = {}
): PlannedSubmission => ({
  dealId,
  kind,
  inTriggerStage: true,
  hasAwsId: false,
  ...extra,
});

describe('describeTargets', () => {
  it('names each real system, the portal, the account, the catalog and the credential source', () => {
    const text = describeTargets(config([], { ...ENV, AWS_PROFILE: 'sandbox' }), {
      dynamodb: '/w/.local-runtime/dynamodb',
    }).join('\n');
    expect(text).toContain('GovWin IQ        https://services.govwin.com/neo-ws\n');
    expect(text).toContain('HubSpot          https://api.hubapi.com\n');
    expect(text).toContain('portal 24156720');
    expect(text).toContain("the AWS SDK's default endpoint (us-east-1)");
    expect(text).toContain(
      'catalog Sandbox, AWS account 123456789012, credentials: profile sandbox (AWS_PROFILE)'
    );
    expect(text).toContain('/w/.local-runtime/dynamodb');
    expect(text).not.toContain('OVERRIDDEN');
    expect(text).not.toContain('PRODUCTION');
  });

  it('warns loudly about the production catalog and about overridden endpoints', () => {
    const text = describeTargets(
      config(['--catalog', 'AWS'], { ...ENV, HUBSPOT_BASE_URL: 'http://127.0.0.1:9' }),
      { dynamodb: '/d' }
    ).join('\n');
    expect(text).toContain('catalog AWS (PRODUCTION: AWS sellers will see what is submitted)');
    expect(text).toContain('http://127.0.0.1:9 (OVERRIDDEN: a test endpoint)');
  });

  it('never contains a credential', () => {
    const text = [
      ...describeTargets(config(), { dynamodb: '/d' }),
      ...describePlan(config(), PIPELINE, [planned('new', '1')]),
    ].join('\n');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });
});

describe('describePlan', () => {
  it('counts the trigger-stage deals by what will happen to each', () => {
    const text = describePlan(config(), PIPELINE, [
      planned('new', '11', { hasAwsId: true }),
      planned('new', '12'),
      planned('done', '13'),
      planned('resume', '14', { inTriggerStage: false, hasAwsId: true }),
    ]).join('\n');
    expect(text).toContain(
      '2. submit: 3 deal(s) in the trigger stage "Submit to AWS" (stage id 1001): 11, 12, 13'
    );
    expect(text).toContain(
      '- 2 new: CreateOpportunity (unless an AWS opportunity of the deal already exists; 1 deal(s) name one)'
    );
    expect(text).toContain('- 1 started by an earlier run: resumed at the first unfinished step');
    expect(text).toContain(
      '- 1 already submitted from this state directory: nothing is sent to AWS'
    );
    expect(text).toContain('pipeline "GovWin Pipeline" (id 777) of portal 24156720');
    expect(text).toMatch(/cannot reach this machine/);
  });

  it('says so when no deal is in the trigger stage', () => {
    const text = describePlan(config(), PIPELINE, []).join('\n');
    expect(text).toContain(
      '2. submit: 0 deal(s) in the trigger stage "Submit to AWS" (stage id 1001)\n'
    );
    expect(text).not.toMatch(/ new: | already submitted/);
  });

  it('lists at most 20 deal ids', () => {
    const many = Array.from({ length: 25 }, (_, i) => planned('new', String(100 + i)));
    const text = describePlan(config(), PIPELINE, many).join('\n');
    expect(text).toContain('100, 101, 102');
    expect(text).toContain('119 and 5 more');
    expect(text).not.toContain('120');
  });
});
