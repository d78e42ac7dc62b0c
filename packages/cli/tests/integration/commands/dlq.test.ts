// `govwin-ace dlq` against the local runtime: messages reach the DLQs through the real consumers and
// the local SQS redrive (5 failed receives), then are listed, replayed and purged through main().
import { parseQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { makeDlqCommand } from '../../../src/commands/dlq';
import { main } from '../../../src/main';
import { makeOpsRuntime } from '../../../src/ops/ops-runtime';
import { captureIo, type OpsStack, startOpsStack } from '../../helpers/ops-stack';

const submitMessage = (dealId: string, catalog: string) =>
  JSON.stringify({
    v: 1,
    kind: 'submit',
    dealId,
    portalId: '1234',
    eventId: '77',
    occurredAt: 1_790_000_000_000,
    propertyName: 'dealstage',
    propertyValue: 'ace_submit',
    catalog,
    receivedAt: '2026-11-20T10:00:00.000Z',
    correlationId: `test-${dealId}`,
  });

// Commands pace themselves on the shared HubSpot and ACE buckets; seconds, not milliseconds.
jest.setTimeout(30_000);

describe('govwin-ace dlq (local runtime)', () => {
  let ctx: OpsStack;
  const run = async (args: string[], env: Record<string, string | undefined> = ctx.env) => {
    const c = captureIo(env);
    const code = await main(['dlq', ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  const listJson = async () => {
    const r = await run(['list', '--queue', 'submit', '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as {
      queues: {
        name: string;
        depth: number;
        messages: { messageId: string; valid: boolean; dealId?: string; reason: string }[];
      }[];
    };
  };

  beforeAll(async () => {
    ctx = await startOpsStack();
    // Arrange: two messages the submitter rejects on every delivery, dead-lettered by the local redrive.
    const submit = ctx.stack.aws.queue('ace-submit');
    submit.send('not json at all');
    submit.send(submitMessage('9001', 'AWS'));
    await ctx.stack.settle();
    // ...and one valid message of a deal with an audited failure, as left behind by an outage.
    const rt = makeOpsRuntime(ctx.env);
    await rt.audit().append({
      dealId: '9002',
      actor: 'system:ace-submitter',
      operation: 'partnercentral:CreateOpportunity',
      ids: { hubspotDealId: '9002' },
      fieldNames: [],
      outcome: 'failure',
    });
    rt.close();
    ctx.stack.aws.queue('ace-submit-dlq').send(submitMessage('9002', 'Sandbox'));
  }, 90_000);
  afterAll(async () => ctx?.stack.stop(), 30_000);

  describe('list', () => {
    it('shows every dead-lettered message with its deal and decoded reason, and leaves them in place', async () => {
      // Act
      const json = await listJson();
      // Assert
      const submit = json.queues[0];
      expect(submit?.name).toBe('ace-submit');
      expect(submit?.depth).toBe(3);
      const reasons = Object.fromEntries(
        (submit?.messages ?? []).map((m) => [m.dealId ?? 'unreadable', m.reason])
      );
      expect(reasons.unreadable).toBe('rejected by the consumer: queue message is not JSON');
      expect(reasons['9001']).toBe(
        'rejected by the consumer: built for catalog AWS, this deployment is Sandbox'
      );
      expect(reasons['9002']).toMatch(
        /^failed 5 deliveries; last audited failure: partnercentral:CreateOpportunity at 20\d\d-/
      );
      expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(3);
    });

    it('prints a plain table without colour codes when stdout is not a terminal', async () => {
      const r = await run(['list']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('ace-submit DLQ: 3 message(s)');
      expect(r.stdout).toMatch(
        /ace-submit\s+\S+\s+\S+ \S+\s+deal 9002 \(dealstage\)\s+failed 5 deliveries/
      );
      expect(r.stdout).not.toContain('\u001b[');
    });
  });

  describe('replay', () => {
    it('sends the selected valid message back to ace-submit and removes it from the DLQ', async () => {
      // Arrange
      const [target] =
        (await listJson()).queues[0]?.messages.filter((m) => m.dealId === '9002') ?? [];
      // Act
      const r = await run(['replay', target?.messageId ?? '', '--queue', 'submit']);
      // Assert
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`replayed ${target?.messageId}`);
      const bodies = ctx.stack.aws
        .queue('ace-submit')
        .peekAll()
        .map((m) => parseQueueMessage(m.body));
      expect(bodies.map((b) => b.dealId)).toEqual(['9002']);
      expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(2);
      ctx.stack.aws.queue('ace-submit').purge();
    });

    it('skips a body the consumer rejects outright (exit 1) and keeps it in the DLQ', async () => {
      const r = await run(['replay', '--deal', '9001', '--queue', 'submit']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/skipped \S+: rejected by the consumer: built for catalog AWS/);
      expect(ctx.stack.aws.queue('ace-submit').depth().total).toBe(0);
      expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(2);
    });

    it('answers exit 3 for a message id that is not in the DLQ', async () => {
      const r = await run(['replay', '6f1c2d9e-8a51-4c55-9d0e-2f0a3b1c4d5e']);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('not in the DLQ 6f1c2d9e-8a51-4c55-9d0e-2f0a3b1c4d5e');
    });
  });

  describe('purge', () => {
    it('refuses without a terminal and without --yes (exit 6), deleting nothing', async () => {
      const r = await run(['purge', '--all', '--queue', 'submit']);
      expect(r.code).toBe(6);
      expect(r.stderr).toBe(
        'govwin-ace dlq: refusing to purge without a terminal to confirm on; pass --yes to confirm in a script\n'
      );
      expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(2);
    });

    it('asks on a terminal and deletes nothing when the answer is no', async () => {
      const questions: string[] = [];
      const command = makeDlqCommand({
        confirm: async (q) => {
          questions.push(q);
          return false;
        },
      });
      const c = captureIo(ctx.env);
      const code = await command.run(['purge', '--all', '--queue', 'submit'], c.io);
      expect(code).toBe(6);
      expect(questions).toEqual(['Delete 2 message(s) from ace-submit-dlq for good?']);
      expect(ctx.stack.aws.queue('ace-submit-dlq').depth().visible).toBe(2);
    });

    it('deletes the selected message with --yes and leaves the others', async () => {
      const [target] =
        (await listJson()).queues[0]?.messages.filter((m) => m.dealId === '9001') ?? [];
      const r = await run(['purge', target?.messageId ?? '', '--yes', '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { deleted: { messageId: string }[] };
      expect(out.deleted.map((d) => d.messageId)).toEqual([target?.messageId]);
      const left = (await listJson()).queues[0]?.messages ?? [];
      expect(left.map((m) => m.dealId ?? 'unreadable')).toEqual(['unreadable']);
    });
  });

  describe('bad input', () => {
    it.each([
      { name: 'an unknown subcommand', args: ['frob'], text: 'unknown subcommand' },
      { name: 'replay without a selection', args: ['replay'], text: 'replay needs message ids' },
      {
        name: 'an unknown queue',
        args: ['list', '--queue', 'nope'],
        text: '--queue must be one of',
      },
      { name: 'an unknown flag', args: ['list', '--frob'], text: "Unknown option '--frob'" },
    ])('answers exit 2 with one line for $name', async ({ args, text }) => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toContain(text);
    });

    it('answers exit 5 with one line when SQS is unreachable', async () => {
      const r = await run(['list'], { ...ctx.env, AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9' });
      expect(r.stderr).toBe('govwin-ace dlq: SQS is unreachable (ECONNREFUSED)\n');
      expect(r.code).toBe(5);
    });

    it('answers exit 4 with one line when no queue URL is configured', async () => {
      const { SUBMIT_QUEUE_URL: _omit, ...env } = ctx.env;
      const r = await run(['list', '--queue', 'submit'], env);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace dlq: SQS: the ace-submit queue needs configuration: SUBMIT_QUEUE_URL is required.*\n$/
      );
    });
  });
});
