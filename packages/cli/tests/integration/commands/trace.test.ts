// `govwin-ace trace` against the local runtime: a deal submitted through the repositories and the
// Partner Central simulator, a GovWin watermark, audit rows and a DLQ message, traced by each kind of id.
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
  stageId,
  startOpsStack,
  submitThroughPipeline,
  withoutAwsCredentials,
} from '../../helpers/ops-stack';

interface TraceJson {
  verdict: string;
  ids: { dealId: string | null; govwinId: string | null; aceId: string | null };
  sources: Record<string, { ok: boolean; error?: string }>;
  deal: { id: string; properties: Record<string, string> } | null;
  mapping: { aceOpportunityId: string | null; parkedEdits: string[] } | null;
  ace: { id: string; reviewStatus?: string } | null;
  audit: { rows: { seq: number; operation: string }[]; chain: { ok: boolean } | null };
  dlq: { queue: string; reason: string }[];
  timeline: { at: string; source: string; what: string }[];
}

// Commands pace themselves on the shared HubSpot and ACE buckets; seconds, not milliseconds.
jest.setTimeout(30_000);

describe('govwin-ace trace (local runtime)', () => {
  let ctx: OpsStack;
  let submitted: string;
  let aceId: string;
  let stuck: string;
  const run = async (args: string[], env: Record<string, string | undefined> = ctx.env) => {
    const c = captureIo(env);
    const code = await main(['trace', ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  const traceJson = async (id: string) => {
    const r = await run([id, '--json']);
    return { ...r, json: JSON.parse(r.stdout) as TraceJson };
  };

  beforeAll(async () => {
    ctx = await startOpsStack();
    await prepareHubSpot(ctx);
    // A submitted deal synced from GovWin OPP200001.
    submitted = await seedDeal(ctx, { govwin_opp_id: 'OPP200001' });
    aceId = await seedSubmission(ctx, submitted);
    const rt = makeOpsRuntime(ctx.env);
    await rt.watermarks().advance('OPP200001', {
      updateDate: '2026-10-01T12:00:00Z',
      hubspotDealId: submitted,
    });
    rt.close();
    // A deal in the submit stage whose submission is dead-lettered.
    stuck = await seedDeal(ctx, { dealstage: ctx.env.TRIGGER_STAGE_ID ?? '' });
    ctx.stack.aws.queue('ace-submit-dlq').send(
      JSON.stringify({
        v: 1,
        kind: 'submit',
        dealId: stuck,
        portalId: ctx.env.HUBSPOT_PORTAL_ID,
        eventId: '5',
        occurredAt: Date.now(),
        propertyName: 'dealstage',
        propertyValue: ctx.env.TRIGGER_STAGE_ID,
        catalog: 'Sandbox',
        receivedAt: new Date().toISOString(),
        correlationId: 'trace-test',
      })
    );
  }, 120_000);
  afterAll(async () => ctx?.stack.stop(), 30_000);

  it('tells the same story whether given the deal id, the GovWin id or the ACE id', async () => {
    // Act
    const [byDeal, byGovWin, byAce] = await Promise.all([
      traceJson(submitted),
      traceJson('OPP200001'),
      traceJson(aceId),
    ]);
    // Assert
    for (const r of [byDeal, byGovWin, byAce]) {
      expect(r.code).toBe(0);
      expect(r.json.ids).toEqual({ dealId: submitted, govwinId: 'OPP200001', aceId });
      expect(r.json.verdict).toBe(
        `in AWS as ${aceId} (review Pending Submission, stage Qualified)`
      );
    }
  });

  it('lists every source in time order, with the audit chain checked', async () => {
    const { json } = await traceJson(submitted);
    expect(Object.values(json.sources).every((s) => s.ok)).toBe(true);
    expect(json.mapping?.aceOpportunityId).toBe(aceId);
    expect(json.ace?.reviewStatus).toBe('Pending Submission');
    // The events handler may mirror the simulator's "Opportunity Created" event meanwhile (a third row).
    expect(json.audit.rows.slice(0, 2).map((r) => [r.seq, r.operation])).toEqual([
      [1, 'partnercentral:CreateOpportunity'],
      [2, 'hubspot:UpdateDeal'],
    ]);
    expect(json.audit.chain).toEqual({ ok: true });
    const times = json.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(json.timeline.map((e) => e.source))).toEqual(
      new Set(['govwin', 'hubspot', 'mapping', 'ace', 'audit'])
    );
    expect(json.timeline).toContainEqual({
      at: expect.any(String),
      source: 'govwin',
      what: `synced to HubSpot deal ${submitted} (GovWin version 2026-10-01T12:00:00.000Z)`,
    });
  });

  it('masks free text and never prints contact data', async () => {
    const r = await run([submitted]);
    const { json } = await traceJson(submitted);
    expect(json.deal?.properties.dealname).toBe('<set, 31 characters>');
    expect(json.deal?.properties[DEAL_PROP.cosellId]).toBe(aceId);
    expect(r.stdout).not.toMatch(/Fictional Records|pat\.example|digitise/);
    expect(r.stdout.split('\n')[1]).toBe(
      `Verdict: in AWS as ${aceId} (review Pending Submission, stage Qualified)`
    );
  });

  it('explains a deal whose submission is dead-lettered', async () => {
    const { code, json } = await traceJson(stuck);
    expect(code).toBe(0);
    expect(json.dlq).toEqual([
      {
        queue: 'ace-submit',
        messageId: expect.any(String),
        sentAt: expect.any(String),
        reason: expect.stringContaining('failed 5 deliveries; no external write was attempted'),
      },
    ]);
    expect(json.verdict).toMatch(/^not in AWS: its message is dead-lettered on ace-submit/);
    expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(1);
  });

  it('says when a deal never reached a submit stage', async () => {
    const fresh = await seedDeal(ctx);
    const { json } = await traceJson(fresh);
    expect(json.verdict).toBe(
      `not in AWS: the deal never reached a submit stage (it is in ${await stageId(ctx, 'Opportunity Identified')}; submit from the ACE card)`
    );
  });

  it('follows a deal submitted through the real pipeline (webhook, receiver, submitter)', async () => {
    // Arrange
    const dealId = await seedDeal(ctx, { govwin_opp_id: 'OPP200002' });
    await submitThroughPipeline(ctx, dealId);
    // Act
    const { code, json } = await traceJson(dealId);
    // Assert
    expect(code).toBe(0);
    expect(json.verdict).toMatch(/^in AWS as O\d+ \(review /);
    expect(json.audit.chain).toEqual({ ok: true });
    const operations = json.timeline.filter((e) => e.source === 'audit').map((e) => e.what);
    expect(operations[0]).toMatch(
      /^#1 partnercentral:CreateOpportunity success by system:ace-submitter/
    );
    expect(
      json.timeline.filter((e) => e.source === 'mapping').map((e) => e.what.split(':')[0])
    ).toEqual(['step created', 'step associated', 'step engagementStarted', 'step writtenBack']);
  });

  describe('bad input', () => {
    it('answers exit 3 with one line for an id nothing knows', async () => {
      const r = await run(['O987654']);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        'govwin-ace trace: unknown id O987654: no deal, mapping row, watermark, ACE opportunity, audit row or DLQ message mentions it\n'
      );
    });

    it('answers exit 2 for an id of no known shape', async () => {
      const r = await run(['deal-42']);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        'govwin-ace trace: expected a HubSpot deal id (digits), a GovWin id (OPP123, TNS123, ...) or an ACE id (O123...)'
      );
    });

    it('shows a partial story and exits 5 when HubSpot is unreachable', async () => {
      const r = await run([submitted, '--skip-govwin'], {
        ...ctx.env,
        HUBSPOT_BASE_URL: 'http://127.0.0.1:9',
      });
      expect(r.code).toBe(5);
      expect(r.stdout).toMatch(
        /HubSpot {3}unavailable: HubSpot is unreachable \((ECONNREFUSED|network error)\)/
      );
      expect(r.stdout).toContain(`Mapping   ACE ${aceId}; steps created done`);
      expect(r.stdout).toContain(`in AWS as ${aceId}`);
    });

    it('answers exit 4 with one line without AWS credentials', async () => {
      const r = await withoutAwsCredentials(() => run([submitted], envWithoutKeys(ctx.env)));
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace trace: HubSpot: credentials missing or rejected \(CredentialsProviderError\)/
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
