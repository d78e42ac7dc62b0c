import {
  CreateOpportunityCommand,
  GetOpportunityCommand,
  InternalServerException,
  ListSolutionsCommand,
  ThrottlingException,
} from '@aws-sdk/client-partnercentral-selling';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { afterEach, describe, expect, it } from '@jest/globals';
import { anOpportunity, type Harness, NO_QUOTAS, rejectionOf, startHarness } from './harness';

const DAY = 86_400_000;

describe('Partner Central simulator: quotas, faults and protocol', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const create = () => h.pc.send(new CreateOpportunityCommand(anOpportunity()));
  const read = () => h.pc.send(new ListSolutionsCommand({ Catalog: 'Sandbox' }));

  describe('quotas on the simulated clock', () => {
    it('allows one write per second per account', async () => {
      // Arrange
      h = await startHarness();
      // Act
      await create();
      const second = await rejectionOf(create());
      h.sim.advance(999);
      const stillSameSecond = await rejectionOf(create());
      h.sim.advance(1);
      const nextSecond = await create();
      // Assert
      expect(second).toBeInstanceOf(ThrottlingException);
      expect((second.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(429);
      expect(stillSameSecond).toBeInstanceOf(ThrottlingException);
      expect(nextSecond.Id).toBeDefined();
      expect(h.sim.counters().throttles).toEqual({
        quota: 2,
        injected: 0,
        byOperation: { CreateOpportunity: 2 },
      });
      expect(h.sim.inspect().catalogs.Sandbox.opportunities).toHaveLength(2);
    });

    it('allows ten reads per second, separately from writes', async () => {
      // Arrange
      h = await startHarness();
      // Act
      for (let i = 0; i < 10; i += 1) await read();
      const eleventh = await rejectionOf(read());
      const write = await create();
      // Assert
      expect(eleventh).toBeInstanceOf(ThrottlingException);
      expect(write.Id).toBeDefined();
    });

    it('enforces the rolling daily write budget', async () => {
      // Arrange
      h = await startHarness({ quotas: { writesPerDay: 2 } });
      await create();
      h.sim.advance(1_000);
      await create();
      h.sim.advance(1_000);
      // Act
      const overBudget = await rejectionOf(create());
      h.sim.advance(DAY);
      const nextDay = await create();
      // Assert
      expect(overBudget).toBeInstanceOf(ThrottlingException);
      expect(nextDay.Id).toBeDefined();
    });

    it('keeps separate budgets per partner account', async () => {
      // Arrange
      h = await startHarness({ accessKeyAccounts: { AKIDOTHERPARTNER: '444455556666' } });
      const other = makeAwsClients({
        endpoints: { partnercentral: h.sim.endpoint },
        credentials: { accessKeyId: 'AKIDOTHERPARTNER', secretAccessKey: 'other-secret' },
        maxAttempts: 1,
      }).partnerCentral();
      // Act
      await create();
      const sameAccount = await rejectionOf(create());
      const otherAccount = await other.send(new CreateOpportunityCommand(anOpportunity()));
      other.destroy();
      // Assert
      expect(sameAccount).toBeInstanceOf(ThrottlingException);
      expect(otherAccount.Id).toBeDefined();
    });
  });

  describe('fault injection', () => {
    it('answers injected errors as InternalServerException with the configured 5xx', async () => {
      // Arrange
      h = await startHarness({
        ...NO_QUOTAS,
        faults: {
          operations: {
            CreateOpportunity: { errorRate: 1 },
            ListSolutions: { errorRate: 1, errorStatus: 503 },
          },
        },
      });
      // Act
      const createErr = await rejectionOf(create());
      const listErr = await rejectionOf(read());
      // Assert
      expect(createErr).toBeInstanceOf(InternalServerException);
      expect(createErr.$fault).toBe('server');
      expect((createErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(500);
      expect(listErr).toBeInstanceOf(InternalServerException);
      expect((listErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(503);
      expect(h.sim.inspect().catalogs.Sandbox.opportunities).toHaveLength(0);
      expect(h.sim.counters().faults.CreateOpportunity?.error).toBe(1);
    });

    it('adds latency and still answers', async () => {
      // Arrange
      h = await startHarness({ ...NO_QUOTAS, faults: { default: { latencyMs: 20 } } });
      // Act
      const res = await read();
      // Assert
      expect(res.SolutionSummaries).toHaveLength(3);
      expect(h.sim.counters().faults.ListSolutions?.delayed).toBe(1);
    });

    it('hangs on an injected timeout until the client gives up', async () => {
      // Arrange
      h = await startHarness({
        ...NO_QUOTAS,
        faults: { operations: { ListSolutions: { timeoutRate: 1 } } },
      });
      const controller = new AbortController();
      const harness = h;
      // Give up only once the simulator holds the request: a fixed client timeout races the
      // request's arrival on a loaded machine.
      const giveUpWhenHung = async () => {
        for (let i = 0; i < 1000 && !harness.sim.counters().faults.ListSolutions?.timeout; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        controller.abort();
      };
      // Act
      const [err] = await Promise.all([
        rejectionOf(
          h.pc.send(new ListSolutionsCommand({ Catalog: 'Sandbox' }), {
            abortSignal: controller.signal,
          })
        ),
        giveUpWhenHung(),
      ]);
      // Assert
      expect(String(err.name)).toMatch(/Abort|Timeout/);
      expect(h.sim.counters().faults.ListSolutions?.timeout).toBe(1);
    });

    it('injects extra throttling on top of the quotas', async () => {
      // Arrange
      h = await startHarness({ ...NO_QUOTAS, throttling: { operations: { GetOpportunity: 1 } } });
      const { Id } = await create();
      // Act
      const err = await rejectionOf(
        h.pc.send(new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id }))
      );
      h.sim.configure({ throttling: {} });
      const ok = await h.pc.send(new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id }));
      // Assert
      expect(err).toBeInstanceOf(ThrottlingException);
      expect(ok.Id).toBe(Id);
      expect(h.sim.counters().throttles.injected).toBe(1);
    });

    it('drops EventBridge events at the configured rate', async () => {
      // Arrange
      h = await startHarness({ ...NO_QUOTAS, eventDropRate: 1 });
      // Act
      await create();
      h.sim.configure({ eventDropRate: 0 });
      await create();
      // Assert
      expect(h.events).toHaveLength(1);
      expect(h.sim.counters().events).toMatchObject({ emitted: 1, dropped: 1 });
    });

    it('makes the same decisions for the same seed', async () => {
      // Arrange
      const outcomes: string[][] = [];
      for (let run = 0; run < 2; run += 1) {
        h = await startHarness({
          ...NO_QUOTAS,
          seed: 'repeatable',
          faults: { default: { errorRate: 0.5 } },
        });
        const seen: string[] = [];
        for (let i = 0; i < 16; i += 1)
          seen.push(
            await read().then(
              () => 'ok',
              (e: Error) => e.name
            )
          );
        outcomes.push(seen);
        await h.close();
      }
      h = await startHarness();
      // Assert
      expect(outcomes[0]).toEqual(outcomes[1]);
      expect(outcomes[0]).toContain('ok');
      expect(outcomes[0]).toContain('InternalServerException');
    });

    it('rejects a bad fault configuration with a one-line error', async () => {
      // Arrange
      h = await startHarness();
      // Act & Assert
      expect(() => h.sim.configure({ eventDropRate: 2 })).toThrow(
        'eventDropRate must be a number in [0, 1]'
      );
      expect(() => h.sim.configure({ faults: { default: { errorRate: -1 } } })).toThrow(
        'errorRate'
      );
    });
  });

  describe('protocol', () => {
    const post = (headers: Record<string, string>, body = '{}') =>
      fetch(`${h.sim.endpoint}/`, { method: 'POST', headers, body });
    const json = { 'content-type': 'application/x-amz-json-1.0' };

    it('requires an Authorization header', async () => {
      // Arrange
      h = await startHarness();
      // Act
      const res = await post({ ...json, 'x-amz-target': 'AWSPartnerCentralSelling.ListSolutions' });
      // Assert
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    });

    it('answers an unknown target and malformed JSON in the AWS JSON error shape', async () => {
      // Arrange
      h = await startHarness();
      const auth = {
        ...json,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260302/us-east-1/x/aws4_request',
      };
      // Act
      const unknown = await post({
        ...auth,
        'x-amz-target': 'AWSPartnerCentralSelling.DeleteEverything',
      });
      const malformed = await post(
        { ...auth, 'x-amz-target': 'AWSPartnerCentralSelling.ListSolutions' },
        '{'
      );
      const ok = await post(
        { ...auth, 'x-amz-target': 'AWSPartnerCentralSelling.ListSolutions' },
        '{"Catalog":"AWS"}'
      );
      // Assert
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
      expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });
      expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      expect(
        ((await ok.json()) as { SolutionSummaries: unknown[] }).SolutionSummaries
      ).toHaveLength(3);
    });

    it('resets state and counters but keeps subscribers', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      await create();
      // Act
      h.sim.reset();
      await create();
      const snapshot = h.sim.inspect();
      // Assert
      expect(snapshot.catalogs.Sandbox.opportunities).toHaveLength(1);
      expect(snapshot.counters.callsTotal).toBe(1);
      expect(snapshot.catalogs.Sandbox.solutions).toHaveLength(3);
      expect(h.events).toHaveLength(2);
    });

    it('serves the /__sim control routes', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      await create();
      // Act
      const advanced = await fetch(`${h.sim.endpoint}/__sim/advance`, {
        method: 'POST',
        body: '{"ms":5000}',
      });
      const inspect = (await (await fetch(`${h.sim.endpoint}/__sim/inspect`)).json()) as {
        now: string;
        catalogs: { Sandbox: { opportunities: unknown[] } };
      };
      const bad = await fetch(`${h.sim.endpoint}/__sim/advance`, {
        method: 'POST',
        body: '{"ms":-1}',
      });
      // Assert
      expect(advanced.status).toBe(200);
      expect(inspect.now).toBe('2026-03-02T09:00:05.000Z');
      expect(inspect.catalogs.Sandbox.opportunities).toHaveLength(1);
      expect(bad.status).toBe(400);
    });
  });
});
