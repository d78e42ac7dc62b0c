// `govwin-ace dry-run <deal-id>` against the local runtime: the exact Create/Update body, validated, and
// nothing sent (Partner Central writes, HubSpot writes, queues and the audit log are checked untouched).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../src/main';
import { makeOpsRuntime } from '../../../src/ops/ops-runtime';
import {
  captureIo,
  type OpsStack,
  prepareHubSpot,
  seedDeal,
  seedSubmission,
  startOpsStack,
} from '../../helpers/ops-stack';

jest.setTimeout(30_000);

interface DryRunJson {
  ok: boolean;
  sent: false;
  operation: string;
  aceOpportunityId: string | null;
  errors: Record<string, string>;
  blockedBy: string | null;
  changed: boolean;
  applied: string[];
  request: Record<string, unknown> & {
    Customer?: { Contacts?: Record<string, string>[] };
    Project?: { DeliveryModels?: string[]; Title?: string };
  };
  followUps: string[];
}

const WRITES = [
  'CreateOpportunity',
  'UpdateOpportunity',
  'AssociateOpportunity',
  'DisassociateOpportunity',
  'StartEngagementFromOpportunityTask',
];

describe('govwin-ace dry-run (local runtime)', () => {
  let ctx: OpsStack;
  let fresh: string;
  let invalid: string;
  let idle: string;
  let submitted: string;
  let aceId: string;
  const run = async (args: string[], env: Record<string, string | undefined> = ctx.env) => {
    const c = captureIo(env);
    const code = await main(['dry-run', ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  const dryRun = async (args: string[]) => {
    const r = await run([...args, '--json']);
    return { ...r, json: JSON.parse(r.stdout) as DryRunJson };
  };
  /** Everything a real run would change, to prove a dry run changes none of it. */
  const sideEffects = async () => {
    const calls = ctx.stack.partnerCentral.counters().calls;
    const rt = makeOpsRuntime(ctx.env);
    const audit =
      (await rt.audit().listByDeal(fresh)).length + (await rt.audit().listByDeal(submitted)).length;
    rt.close();
    return {
      aceWrites: WRITES.map((op) => calls[op] ?? 0),
      hubspotDeals: ctx.stack.hubspot.listObjects('deals').map((d) => JSON.stringify(d.properties)),
      queued: Object.values(ctx.stack.queueDepths()).map((d) => d.total),
      audit,
    };
  };

  beforeAll(async () => {
    ctx = await startOpsStack();
    await prepareHubSpot(ctx);
    fresh = await seedDeal(ctx, { dealstage: ctx.env.TRIGGER_STAGE_ID ?? '' });
    // Values HubSpot accepts (text properties) but the ACE mapping refuses.
    invalid = await seedDeal(ctx, {
      govwin_ace_aws_account_id: '12345',
      govwin_ace_related_opportunity_id: 'X-1',
    });
    idle = await seedDeal(ctx);
    submitted = await seedDeal(ctx);
    aceId = await seedSubmission(ctx, submitted);
  }, 120_000);
  afterAll(async () => ctx?.stack.stop(), 30_000);

  it('shows the CreateOpportunity request of a deal without an ACE opportunity, and sends nothing', async () => {
    // Arrange
    const before = await sideEffects();
    // Act
    const { code, json } = await dryRun([fresh]);
    // Assert
    expect(code).toBe(0);
    expect(json).toMatchObject({
      ok: true,
      sent: false,
      operation: 'CreateOpportunity',
      errors: {},
    });
    expect(json.request).toMatchObject({
      Catalog: 'Sandbox',
      ClientToken: '<a new UUID, reserved in DynamoDB before the call>',
      PartnerOpportunityIdentifier: fresh,
      Origin: 'Partner Referral',
      Project: {
        Title: 'Fictional Records Modernisation',
        DeliveryModels: ['Professional Services'],
      },
    });
    expect(json.request.Customer?.Contacts?.[0]?.Email).toMatch(
      /^<personal data, \d+ characters>$/
    );
    expect(json.followUps).toEqual([
      'no solution to associate (set govwin_ace_solution_id or ACE_SOLUTION_ID)',
      'AssociateOpportunity: AWS product AmazonS3',
      'StartEngagementFromOpportunityTask: InvolvementType Co-Sell, Visibility Full',
    ]);
    expect(json.blockedBy).toBeNull();
    expect(await sideEffects()).toEqual(before);
  });

  it('prints contact data only with --show-personal', async () => {
    const masked = await run([fresh]);
    const shown = await run([fresh, '--show-personal']);
    expect(masked.stdout).not.toMatch(/pat\.example\.\d+@records\.example\.gov/);
    expect(shown.stdout).toMatch(/"Email": "pat\.example\.\d+@records\.example\.gov"/);
  });

  it('notes that a deal outside the submit stages would be skipped', async () => {
    const { json } = await dryRun([idle]);
    expect(json.operation).toBe('CreateOpportunity');
    expect(json.blockedBy).toMatch(
      /^the deal is in stage \d+, not a submit stage \(\d+\): the submitter would skip it$/
    );
  });

  it('lists every invalid field with its reason (exit 1), as the submitter would refuse them', async () => {
    const { code, json } = await dryRun([invalid]);
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.errors).toEqual({
      govwin_ace_aws_account_id: 'must be a 12-digit AWS account id',
      govwin_ace_related_opportunity_id: 'must be an ACE opportunity id (O followed by digits)',
    });
    const human = await run([invalid]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('2 field error(s): the submitter would refuse this deal');
    expect(human.stdout).toContain('✗ govwin_ace_aws_account_id must be a 12-digit AWS account id');
  });

  it('shows the UpdateOpportunity request for a submitted deal: the deal applied onto the live record', async () => {
    // Arrange
    const unchanged = await dryRun([submitted]);
    await ctx.hubspot.updateDeal(submitted, { govwin_ace_delivery_model: 'Managed Services' });
    const before = await sideEffects();
    // Act
    const all = await dryRun([submitted]);
    const one = await dryRun([submitted, '--property', 'govwin_ace_delivery_model']);
    // Assert
    expect(unchanged.json).toMatchObject({
      operation: 'UpdateOpportunity',
      aceOpportunityId: aceId,
      changed: false,
    });
    expect(all.code).toBe(0);
    expect(all.json.changed).toBe(true);
    expect(all.json.request).toMatchObject({
      Catalog: 'Sandbox',
      Identifier: aceId,
      LastModifiedDate: expect.stringMatching(/^20\d\d-/),
      PartnerOpportunityIdentifier: submitted,
      Project: { DeliveryModels: ['Managed Services'] },
    });
    expect(one.json.applied).toEqual(['govwin_ace_delivery_model']);
    expect(one.json.request.Project?.DeliveryModels).toEqual(['Managed Services']);
    expect(await sideEffects()).toEqual(before);
  });

  describe('bad input', () => {
    it('answers exit 3 with one line for a deal HubSpot does not have', async () => {
      const r = await run(['987654321']);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        'govwin-ace dry-run: deal 987654321 not found in HubSpot (deleted or archived?)\n'
      );
    });

    it.each([
      {
        name: 'a non-numeric deal id',
        args: ['O123'],
        text: 'the deal id must be a HubSpot deal id (digits)',
      },
      { name: 'two ids', args: ['1', '2'], text: 'give exactly one HubSpot deal id' },
      {
        name: 'a property that does not feed ACE',
        args: ['1', '--property', 'dealname_typo'],
        text: '--property must name a deal property that feeds ACE',
      },
    ])('answers exit 2 for $name', async ({ args, text }) => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toContain(text);
    });

    it('answers exit 4 naming the variables when the configuration is incomplete', async () => {
      const { SUBMIT_STAGE_IDS: _s, ...env } = ctx.env;
      const r = await run([fresh], env);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(
        'govwin-ace dry-run: ace-submitter: invalid environment: SUBMIT_STAGE_IDS is required (a comma-separated list) [CONFIG_INVALID]\n'
      );
    });

    it('answers exit 4 with one line when the HubSpot token secret does not exist', async () => {
      const r = await run([fresh], {
        ...ctx.env,
        HUBSPOT_TOKEN_SECRET_ARN:
          'arn:aws:secretsmanager:us-east-1:000000000000:secret:missing-AbCdEf',
      });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace dry-run: HubSpot: secrets: cannot read secret 'missing-AbCdEf' \(ResourceNotFoundException\)/
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('answers exit 5 with one line when Partner Central is unreachable', async () => {
      const r = await run([submitted], {
        ...ctx.env,
        AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: 'http://127.0.0.1:9',
      });
      expect(r.code).toBe(5);
      // One line naming the service; the reason is the network code when Node exposes it.
      expect(r.stderr).toMatch(
        /^govwin-ace dry-run: Partner Central(: GetOpportunity failed: \w+ \[ACE_UNAVAILABLE\]| is unreachable \(\w+\))\n$/
      );
    });
  });
});
