import { describe, expect, it } from '@jest/globals';
import { resolveOptions } from '../../../../src/simulators/partner-central/options';
import { makeQuotaTracker, quotaGroupOf } from '../../../../src/simulators/partner-central/quotas';
import { validateReviewSteps } from '../../../../src/simulators/partner-central/review-script';
import { makeScheduler } from '../../../../src/simulators/partner-central/scheduler';
import { sellingModel } from '../../../../src/simulators/partner-central/sdk-model';
import { makeCatalogState } from '../../../../src/simulators/partner-central/state';
import { idempotent, page, sortBy } from '../../../../src/simulators/partner-central/support';

describe('makeQuotaTracker', () => {
  const limits = { readsPerSecond: 2, writesPerSecond: 1, readsPerDay: 5, writesPerDay: 100 };

  it('slides the per-second window and does not count refused calls', () => {
    // Arrange
    const q = makeQuotaTracker(limits);
    // Act
    const outcomes = [
      q.take('a', 'write', 1_000),
      q.take('a', 'write', 1_500),
      q.take('a', 'write', 1_999),
      q.take('a', 'write', 2_000),
    ];
    // Assert
    expect(outcomes).toEqual(['ok', 'per-second', 'per-second', 'ok']);
  });

  it('keeps accounts and groups apart and applies the daily cap', () => {
    // Arrange
    const q = makeQuotaTracker(limits);
    const reads = [0, 1_000, 2_000, 3_000, 4_000].map((t) => q.take('a', 'read', t));
    // Act
    const sixth = q.take('a', 'read', 5_000);
    const otherAccount = q.take('b', 'read', 5_000);
    const write = q.take('a', 'write', 5_000);
    const nextDay = q.take('a', 'read', 86_400_000 + 60_000);
    // Assert
    expect(reads).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect([sixth, otherAccount, write, nextDay]).toEqual(['per-day', 'ok', 'ok', 'ok']);
  });

  it('classifies Get*/List* as reads and everything else as writes', () => {
    // Act & Assert
    expect(['GetOpportunity', 'ListSolutions', 'SubmitOpportunity'].map(quotaGroupOf)).toEqual([
      'read',
      'read',
      'write',
    ]);
  });
});

describe('makeScheduler', () => {
  it('runs due jobs in time order, telling each its due time, including jobs they add', () => {
    // Arrange
    const s = makeScheduler();
    const ran: string[] = [];
    s.at(30, (t) => ran.push(`c@${t}`));
    s.at(10, (t) => {
      ran.push(`a@${t}`);
      s.at(t + 5, (u) => ran.push(`a2@${u}`));
    });
    s.at(20, (t) => ran.push(`b@${t}`));
    s.at(99, (t) => ran.push(`late@${t}`));
    // Act
    const count = s.runDue(30);
    // Assert
    expect(ran).toEqual(['a@10', 'a2@15', 'b@20', 'c@30']);
    expect(count).toBe(4);
    expect(s.pending()).toBe(1);
  });

  it('counts a job that throws and keeps running the others', () => {
    // Arrange
    const s = makeScheduler();
    const ran: number[] = [];
    s.at(1, () => {
      throw new Error('bad script');
    });
    s.at(2, (t) => ran.push(t));
    // Act
    s.runDue(5);
    // Assert
    expect(ran).toEqual([2]);
    expect(s.failed()).toBe(1);
  });
});

describe('support', () => {
  it('pages with tokens bound to the filters', () => {
    // Arrange
    const items = ['a', 'b', 'c', 'd', 'e'];
    // Act
    const first = page(items, { MaxResults: 2, Stage: ['x'] }, 20);
    const second = page(items, { MaxResults: 2, Stage: ['x'], NextToken: first.NextToken }, 20);
    const last = page(items, { MaxResults: 2, Stage: ['x'], NextToken: second.NextToken }, 20);
    // Assert
    expect([first.items, second.items, last.items]).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(last.NextToken).toBeUndefined();
    expect(() => page(items, { MaxResults: 2, NextToken: first.NextToken }, 20)).toThrow();
    expect(() => page(items, { NextToken: 'garbage' }, 20)).toThrow();
  });

  it('sorts with missing values last in either order', () => {
    // Arrange
    const rows = [
      { k: 2, id: 'b' },
      { k: undefined, id: 'z' },
      { k: 1, id: 'a' },
      { k: 2, id: 'a' },
    ];
    // Act
    const asc = sortBy(
      [...rows],
      (r) => r.k,
      (r) => r.id,
      'ASCENDING'
    ).map((r) => r.id);
    const desc = sortBy(
      [...rows],
      (r) => r.k,
      (r) => r.id,
      'DESCENDING'
    ).map((r) => r.id);
    // Assert
    expect(asc).toEqual(['a', 'a', 'b', 'z']);
    expect(desc).toEqual(['b', 'a', 'a', 'z']);
  });

  it('replays a ClientToken regardless of member order and refuses a changed body', () => {
    // Arrange
    const catalog = makeCatalogState('Sandbox');
    let runs = 0;
    const compute = () => ({ Id: `O${++runs}` });
    // Act
    const first = idempotent(catalog, 'Op', { ClientToken: 't', A: 1, B: { x: 1, y: 2 } }, compute);
    const replay = idempotent(
      catalog,
      'Op',
      { B: { y: 2, x: 1 }, A: 1, ClientToken: 't' },
      compute
    );
    // Assert
    expect(replay).toBe(first);
    expect(runs).toBe(1);
    expect(() => idempotent(catalog, 'Op', { ClientToken: 't', A: 2 }, compute)).toThrow(
      'ClientToken was already used'
    );
  });
});

describe('validateReviewSteps', () => {
  const model = sellingModel();

  it.each([
    [[{ afterMs: -1 }], 'step 0: afterMs must be a number >= 0'],
    [[{ afterMs: 1, status: 'Approved' }], 'step 0: unknown key status'],
    [[{ afterMs: 1, reviewStatus: 'Pending Submission' }], 'cannot return to Pending Submission'],
    [[{ afterMs: 1 }, { afterMs: 1, awsStage: 'Won' }], 'step 1: awsStage must be one of'],
  ])('refuses %j', (steps, message) => {
    // Act & Assert
    expect(() => validateReviewSteps(model, steps as never)).toThrow(message);
  });
});

describe('resolveOptions', () => {
  it.each([
    [{ accountId: '12' }, 'accountId must be 12 digits'],
    [{ catalogs: ['Production'] }, 'unknown catalog'],
    [{ quotas: { writesPerSecond: 0 } }, 'quotas.writesPerSecond must be a number > 0'],
    [{ eventDropRate: 1.5 }, 'eventDropRate must be a number in [0, 1]'],
    [
      { throttling: { operations: { GetOpportunity: -0.1 } } },
      'throttling.operations.GetOpportunity',
    ],
    [{ taskDurationMs: Number.NaN }, 'taskDurationMs must be a number >= 0'],
  ])('refuses %j with a one-line error', (options, message) => {
    // Act & Assert
    expect(() => resolveOptions(options as never)).toThrow(message);
  });
});
