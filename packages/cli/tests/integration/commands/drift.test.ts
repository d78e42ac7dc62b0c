// `govwin-ace drift` against the local runtime: GovWin opportunities synced by the real orchestrator and
// worker, deals submitted through the repositories and the Partner Central simulator, then drift made on
// each side; the report, the repairs through the real queues and consumers, and the bad inputs.
import { parseSyncMessage } from '@govwin-ace/govwin-poller';
import { parseQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { DEAL_PROP } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../src/main';
import { makeOpsRuntime } from '../../../src/ops/ops-runtime';
import {
  captureIo,
  envWithoutKeys,
  type OpsStack,
  prepareHubSpot,
  seedDeal,
  seedSubmission,
  startOpsStack,
  withoutAwsCredentials,
} from '../../helpers/ops-stack';

jest.setTimeout(60_000);

interface Finding {
  id: string;
  kind: string;
  code: string;
  dealId?: string;
  govwinId?: string;
  aceId?: string;
  field?: string;
  proposedRepair: string;
}
interface DriftJson {
  ok: boolean;
  findings: Finding[];
  unreadable: string[];
}
interface RepairJson {
  repairs: { id: string; status: string; detail: string }[];
  unknown: string[];
}

describe('govwin-ace drift (local runtime)', () => {
  let ctx: OpsStack;
  let submitted: string;
  let stuck: string;
  let mirrored: string;
  let govwinDeal: string;
  const run = async (args: string[], env: Record<string, string | undefined> = ctx.env) => {
    const c = captureIo(env);
    const code = await main(['drift', ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  const drift = async (args: string[] = []) => {
    const r = await run([...args, '--json']);
    return { ...r, json: JSON.parse(r.stdout) as DriftJson };
  };
  const find = (json: DriftJson, code: string, where: Partial<Finding> = {}) =>
    json.findings.find(
      (f) => f.code === code && Object.entries(where).every(([k, v]) => f[k as keyof Finding] === v)
    );

  beforeAll(async () => {
    ctx = await startOpsStack();
    await prepareHubSpot(ctx);
    // GovWin -> HubSpot through the real orchestrator and worker.
    await ctx.stack.runScheduled('govwin-poller-orchestrator');
    await ctx.stack.settle();
    // ACE side: two submitted deals and one stuck in the submit stage.
    submitted = await seedDeal(ctx);
    await seedSubmission(ctx, submitted);
    mirrored = await seedDeal(ctx);
    await seedSubmission(ctx, mirrored);
    stuck = await seedDeal(ctx, { dealstage: ctx.env.TRIGGER_STAGE_ID ?? '' });
    // Drift: a GovWin analyst edit, a HubSpot edit of a GovWin field, a BD edit that never reached ACE,
    // a mirrored property changed by hand.
    ctx.stack.govwin.analystUpdate('OPP200001', { status: 'Post-RFP' });
    govwinDeal =
      ctx.stack.hubspot.listObjects('deals').find((d) => d.properties.govwin_opp_id === 'OPP200002')
        ?.id ?? '';
    await ctx.hubspot.updateDeal(govwinDeal, { govwin_status: 'Edited By Hand' });
    await ctx.hubspot.updateDeal(submitted, { govwin_ace_delivery_model: 'Managed Services' });
    await ctx.hubspot.updateDeal(mirrored, { [DEAL_PROP.cosellStatus]: 'Approved' });
    // The stuck deal's dealstage webhook is lost (as when the receiver was down): drop what it queued.
    await ctx.stack.hubspot.webhooksIdle();
    ctx.stack.aws.queue('ace-submit').purge();
  }, 120_000);
  afterAll(async () => ctx?.stack.stop(), 30_000);

  it('reports one row per difference with its proposed repair, with ids stable across runs', async () => {
    // Act
    const first = await drift();
    const second = await drift();
    // Assert
    expect(first.code).toBe(1);
    expect(first.json.ok).toBe(false);
    expect(first.json.unreadable).toEqual([]);
    const rows = first.json.findings.map((f) => [
      f.code,
      f.dealId ?? f.govwinId,
      f.field ?? '',
      f.proposedRepair,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['govwin-stale', expect.any(String), '', 're-sync (govwin-sync queue)'],
        [
          'govwin-field-conflict',
          govwinDeal,
          'govwin_status',
          expect.stringMatching(/^manual: GovWin owns this field/),
        ],
        [
          'ace-field-conflict',
          submitted,
          'govwin_ace_delivery_model',
          'update govwin_ace_delivery_model (ace-update queue)',
        ],
        ['submission-missing', stuck, '', 'submit (ace-submit queue)'],
        ['mirror-stale', mirrored, DEAL_PROP.cosellStatus, 'mirror ACE -> HubSpot'],
      ])
    );
    expect(find(first.json, 'govwin-stale')?.govwinId).toBe('OPP200001');
    expect(second.json.findings.map((f) => f.id)).toEqual(first.json.findings.map((f) => f.id));
  });

  it('prints a table a person can read, without colour off a terminal', async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^ID\s+KIND\s+CODE\s+IDS\s+FIELD\s+DETAIL \/ PROPOSED REPAIR$/
    );
    expect(r.stdout).toMatch(/d[0-9a-f]{8}\s+missing\s+submission-missing\s+deal \d+/);
    expect(r.stdout).toMatch(/finding\(s\)\. Repair with: govwin-ace drift --repair <ids\|all>\n$/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).not.toMatch(/Fictional Records|pat\.example/);
  });

  it('skips the GovWin leg (and every GovWin call) with --skip-govwin, and narrows to one deal with --deal', async () => {
    const calls = ctx.stack.govwin.inspect().totalCalls;
    const all = await drift(['--skip-govwin']);
    const one = await drift(['--skip-govwin', '--deal', submitted]);
    expect(ctx.stack.govwin.inspect().totalCalls).toBe(calls);
    expect(all.json.findings.some((f) => f.code.startsWith('govwin-'))).toBe(false);
    expect(new Set(one.json.findings.map((f) => f.dealId))).toEqual(new Set([submitted]));
  });

  it('publishes the summary to the alerts topic with --notify (what the scheduled report sends)', async () => {
    const before = ctx.stack.aws.published.length;
    const r = await drift(['--skip-govwin', '--notify']);
    const published = ctx.stack.aws.published.slice(before);
    expect(published).toHaveLength(1);
    expect(published[0]?.subject).toBe(`Drift report: ${r.json.findings.length} finding(s)`);
    expect(published[0]?.message).toContain(r.json.findings[0]?.id ?? 'none');
    expect(published[0]?.message).not.toMatch(/Fictional|pat\.example/);
  });

  describe('--repair', () => {
    it('applies repairs through the queues and the mirror step, and leaves manual ones alone', async () => {
      // Arrange
      const { json } = await drift();
      const ids = {
        update: find(json, 'ace-field-conflict', { dealId: submitted })?.id ?? '',
        submit: find(json, 'submission-missing', { dealId: stuck })?.id ?? '',
        sync: find(json, 'govwin-stale', { govwinId: 'OPP200001' })?.id ?? '',
        mirror: find(json, 'mirror-stale', { dealId: mirrored })?.id ?? '',
        manual: find(json, 'govwin-field-conflict', { dealId: govwinDeal })?.id ?? '',
      };
      const rt = makeOpsRuntime(ctx.env);
      const auditBefore = (await rt.audit().listByDeal(mirrored)).length;
      // Act
      const r = await run(['--repair', Object.values(ids).join(','), '--json']);
      // Assert
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as RepairJson;
      const status = Object.fromEntries(out.repairs.map((x) => [x.id, x.status]));
      expect(status).toEqual({
        [ids.update]: 'enqueued',
        [ids.submit]: 'enqueued',
        [ids.sync]: 'enqueued',
        [ids.mirror]: 'mirrored',
        [ids.manual]: 'not-repairable',
      });
      const update = ctx.stack.aws
        .queue('ace-update')
        .peekAll()
        .map((m) => parseQueueMessage(m.body));
      expect(update).toEqual([
        expect.objectContaining({
          v: 1,
          kind: 'update',
          dealId: submitted,
          propertyName: 'govwin_ace_delivery_model',
          portalId: ctx.env.HUBSPOT_PORTAL_ID,
          catalog: 'Sandbox',
        }),
      ]);
      const submit = ctx.stack.aws
        .queue('ace-submit')
        .peekAll()
        .map((m) => parseQueueMessage(m.body));
      expect(submit).toEqual([
        expect.objectContaining({
          kind: 'submit',
          dealId: stuck,
          propertyName: 'dealstage',
          propertyValue: ctx.env.TRIGGER_STAGE_ID,
        }),
      ]);
      const sync = ctx.stack.aws
        .queue('govwin-sync')
        .peekAll()
        .map((m) => parseSyncMessage(m.body));
      expect(sync.map((m) => m.opportunities.map((o) => o.id))).toEqual([['OPP200001']]);
      expect(
        ctx.stack.hubspot.getObject('deals', mirrored)?.properties[DEAL_PROP.cosellStatus]
      ).toBe('Pending Submission');
      const audit = await rt.audit().listByDeal(mirrored);
      rt.close();
      expect(
        audit.slice(auditBefore).map((a) => [a.operation, a.correlationId?.slice(0, 10)])
      ).toEqual([['hubspot:UpdateDeal', 'cli-drift-']]);
    });

    it('the consumers apply the queued repairs: a second report no longer shows them', async () => {
      // Act: let the worker and the submitter process what --repair enqueued.
      await ctx.stack.settle();
      await ctx.stack.settle();
      const { json } = await drift();
      // Assert
      expect(find(json, 'ace-field-conflict', { dealId: submitted })).toBeUndefined();
      expect(find(json, 'submission-missing', { dealId: stuck })).toBeUndefined();
      expect(find(json, 'govwin-stale', { govwinId: 'OPP200001' })).toBeUndefined();
      expect(find(json, 'mirror-stale', { dealId: mirrored })).toBeUndefined();
      expect(find(json, 'govwin-field-conflict', { dealId: govwinDeal })).toBeDefined();
    });

    it('answers exit 3 for a finding id that does not exist (any more)', async () => {
      const r = await run(['--skip-govwin', '--repair', 'd00000000']);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('d00000000  unknown');
    });

    it('refuses deal queue repairs without HUBSPOT_PORTAL_ID (exit 4) and enqueues nothing', async () => {
      await ctx.hubspot.updateDeal(submitted, { govwin_ace_delivery_model: 'SaaS or PaaS' });
      const { HUBSPOT_PORTAL_ID: _p, ...env } = ctx.env;
      const r = await run(['--skip-govwin', '--deal', submitted, '--repair', 'all'], env);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace drift: drift --repair \(deal queue messages carry the HubSpot account id\) needs configuration: HUBSPOT_PORTAL_ID is required/
      );
      expect(ctx.stack.aws.queue('ace-update').depth().total).toBe(0);
    });
  });

  describe('bad input', () => {
    it.each([
      {
        name: 'a malformed finding id',
        args: ['--repair', 'xyz'],
        text: '--repair takes finding ids',
      },
      {
        name: 'a malformed deal id',
        args: ['--deal', 'abc'],
        text: '--deal must be a HubSpot deal id',
      },
      { name: 'a positional argument', args: ['now'], text: 'drift takes no positional arguments' },
    ])('answers exit 2 for $name', async ({ args, text }) => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toContain(text);
    });

    it('reports what it could not compare and exits 5 when Partner Central is unreachable', async () => {
      const r = await run(['--skip-govwin'], {
        ...ctx.env,
        AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: 'http://127.0.0.1:9',
      });
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/^not compared: ACE O\d+: Partner Central/m);
    });

    it('answers exit 4 with one line without AWS credentials', async () => {
      const r = await withoutAwsCredentials(() => run(['--skip-govwin'], envWithoutKeys(ctx.env)));
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace drift: DynamoDB: credentials missing or rejected \(CredentialsProviderError\)/
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
