import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  credentialsFingerprint,
  GovWinAuthError,
  GovWinLockoutGuardError,
  keys,
} from '@govwin-ace/shared-core';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_GOVWIN_CREDENTIALS } from '../../../local/src/simulators/govwin/govwin-simulator';
import { type Harness, markedFixtures, SECRET, startHarness } from './helpers/harness';

jest.setTimeout(60_000);

const tokenCalls = (h: Harness) => h.govwinSim.inspect().calls.token ?? 0;

describe('GovWin auth, the hourly budget and HubSpot throttling, against the simulators', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  describe('GovWin OAuth', () => {
    it('caches the token in the secret: a second invocation (new container) makes no token call', async () => {
      // Arrange
      h = await startHarness({ govwin: { fixtures: markedFixtures(5) } });
      await h.orchestrate();
      const afterFirst = tokenCalls(h);
      // Act: a fresh runtime stands for a new Lambda container sharing the secret.
      const other = h.buildGovWin();
      await h.orchestrateWith(other)();
      // Assert
      expect(afterFirst).toBe(1);
      expect(tokenCalls(h)).toBe(1);
      expect(JSON.parse(h.secrets.get(SECRET.govwinToken) ?? '{}')).toMatchObject({
        access_token: expect.any(String),
      });
    });

    it('refreshes with the refresh token when the access token nears expiry', async () => {
      // Arrange: 1-hour access tokens.
      h = await startHarness({
        govwin: { fixtures: markedFixtures(5), accessTokenTtlSeconds: 3600 },
      });
      await h.orchestrate();
      const first = JSON.parse(h.secrets.get(SECRET.govwinToken) ?? '{}');
      // Act: 56 minutes later the token is inside the 5-minute refresh margin.
      h.clock.advance(56 * 60_000);
      await h.orchestrate();
      // Assert
      const second = JSON.parse(h.secrets.get(SECRET.govwinToken) ?? '{}');
      expect(second.access_token).not.toBe(first.access_token);
      // A refresh keeps the refresh token (the simulator, like GovWin, re-issues only the access token).
      expect(second.refresh_token).toBe(first.refresh_token);
      expect(tokenCalls(h)).toBe(2);
      expect(h.govwinSim.inspect().unauthorized).toBe(0);
    });

    it('recovers from a revoked token (401) by refreshing and retrying the call', async () => {
      // Arrange
      h = await startHarness({ govwin: { fixtures: markedFixtures(5) } });
      await h.orchestrate();
      h.govwinSim.revokeTokens();
      // Act
      const result = await h.orchestrate();
      // Assert
      expect(result.discovered).toBe(5);
      expect(h.govwinSim.inspect().unauthorized).toBe(1);
      expect(tokenCalls(h)).toBe(2);
    });

    it('makes one password attempt per credential set, never locks the account, and alerts', async () => {
      // Arrange
      h = await startHarness({ govwin: { fixtures: markedFixtures(5) }, badPassword: true });
      // Act: six scheduled runs with the wrong password (five failures lock the account).
      const errors: unknown[] = [];
      for (let run = 0; run < 6; run += 1)
        errors.push(await h.orchestrate().catch((e: unknown) => e));
      // Assert
      expect(errors[0]).toBeInstanceOf(GovWinAuthError);
      expect(errors.slice(1).every((e) => e instanceof GovWinLockoutGuardError)).toBe(true);
      expect(tokenCalls(h)).toBe(1);
      const lockout =
        h.govwinSim.inspect().lockouts[DEFAULT_GOVWIN_CREDENTIALS.username.toLowerCase()];
      expect(lockout).toEqual({ failures: 1, lockedUntil: undefined });
      expect(h.alerts).toHaveLength(1);
      expect(JSON.stringify(h.alerts)).not.toContain('wrong-password');
      // Act: the operator fixes the credentials secret; the next run signs in.
      h.secrets.set(SECRET.govwinCredentials, {
        client_id: DEFAULT_GOVWIN_CREDENTIALS.clientId,
        client_secret: DEFAULT_GOVWIN_CREDENTIALS.clientSecret,
        username: DEFAULT_GOVWIN_CREDENTIALS.username,
        password: DEFAULT_GOVWIN_CREDENTIALS.password,
      });
      const fixed = h.buildGovWin();
      const result = await h.orchestrateWith(fixed)();
      expect(result.discovered).toBe(5);
      expect(
        JSON.parse(h.secrets.get(SECRET.govwinToken) ?? '{}').rejected_credentials
      ).toBeUndefined();
      expect(
        credentialsFingerprint({ client_id: 'a', client_secret: 'b', username: 'c', password: 'd' })
      ).toHaveLength(32);
    });
  });

  describe('paging', () => {
    it('pages through 250 marked opportunities 100 at a time', async () => {
      h = await startHarness({ govwin: { fixtures: markedFixtures(250) } });
      const result = await h.orchestrate();
      expect(result).toMatchObject({
        discovered: 250,
        changed: 250,
        messages: 3,
        govwinListCalls: 3,
      });
    });
  });

  describe('the shared 4,000/h GovWin budget', () => {
    it('draws every GovWin call from the DynamoDB bucket shared by all invocations', async () => {
      // Arrange
      h = await startHarness({ govwin: { fixtures: markedFixtures(12) }, sharedBuckets: true });
      await h.setupHubSpot();
      // Act
      await h.orchestrate();
      await h.drain();
      // Assert: 300-token burst bucket; 1 listing + 2 detail + 12 contacts calls = 15 tokens.
      const row = await h.dynamo.doc.send(
        new GetCommand({ TableName: h.dynamo.tables.syncState, Key: keys.rateLimit('govwin') })
      );
      expect(h.govwinCalls).toHaveLength(15);
      expect(300 - Number(row.Item?.tokens)).toBeGreaterThanOrEqual(15 - 1);
      expect(300 - Number(row.Item?.tokens)).toBeLessThanOrEqual(15);
    });

    it('backs off on 403 "Too many requests" and finishes the batch instead of failing it', async () => {
      // Arrange: someone else in the organisation spent the budget: 20 calls per rolling 10 minutes.
      h = await startHarness({
        govwin: { fixtures: markedFixtures(30), rateLimit: { maxCalls: 20, windowMs: 600_000 } },
        budgetBackoffMs: 60_000,
        maxBudgetWaitMs: 3_600_000,
      });
      await h.setupHubSpot();
      // Act
      await h.orchestrate();
      const responses = await h.drain();
      // Assert
      expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(30);
      expect(h.govwinSim.inspect().budget.rejected).toBeGreaterThan(0);
      expect(h.sleeps.filter((ms) => ms === 60_000).length).toBeGreaterThan(0);
    });

    it('leaves what it could not fetch for SQS to retry when the budget stays spent, losing nothing', async () => {
      // Arrange
      h = await startHarness({
        govwin: { fixtures: markedFixtures(30), rateLimit: { maxCalls: 20, windowMs: 3_600_000 } },
        budgetBackoffMs: 60_000,
        maxBudgetWaitMs: 120_000,
      });
      await h.setupHubSpot();
      await h.orchestrate();
      const message = h.enqueued.splice(0);
      // Act: first delivery runs out of budget part-way.
      const first = await h.processBatch(h.sqsEvent(message));
      const partial = h.hubspotSim.listObjects('deals').length;
      // ...an hour later SQS redelivers the same message.
      h.clock.advance(3_600_000);
      const second = await h.processBatch(h.sqsEvent(message));
      // Assert
      expect(first.batchItemFailures).toHaveLength(1);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(30);
      expect(second.batchItemFailures).toEqual([]);
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(30);
    });
  });

  describe('HubSpot throttling', () => {
    it('honours 429 Retry-After and still writes everything', async () => {
      // Arrange: a portal limited to 3 requests per 10 s.
      h = await startHarness({
        govwin: { fixtures: markedFixtures(40) },
        hubspot: { rateLimit: { max: 3, intervalMs: 10_000 } },
      });
      await h.setupHubSpot();
      // Act
      await h.orchestrate();
      const responses = await h.drain();
      // Assert
      expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(40);
      expect(h.hubspotRequests.some((r) => r.status === 429)).toBe(true);
      expect(h.hubspotSim.inspect().rateLimit).toMatchObject({ rejected: expect.any(Number) });
    });
  });
});
