// The referral-deal claim on the invitation's reverse row, against DynamoDB Local: one holder among
// concurrent callers, `bound` once the repository binds the deal, lease expiry, fencing by renew, and the
// binding transaction accepting a claimed (deal-less) reverse row.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ConflictError,
  keys,
  makeAceSubmissionRepo,
  makeInvitationClaims,
  ValidationError,
} from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
let seq = 0;
/** A fresh, valid invitation id per test (`engi-` + 13 lowercase alphanumerics). */
const anInvitation = () => {
  seq += 1;
  return `engi-claim${String(seq).padStart(8, '0')}`;
};

describe('makeInvitationClaims (DynamoDB)', () => {
  let ddb: TestDynamo;
  let now = T0;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const claims = (leaseSeconds = 120) =>
    makeInvitationClaims({
      doc: ddb.doc,
      tableName: ddb.tables.entityMappings,
      now: () => now,
      leaseSeconds,
    });
  const repo = () =>
    makeAceSubmissionRepo({
      doc: ddb.doc,
      tableName: ddb.tables.entityMappings,
      now: () => now,
      sleep: async () => undefined,
    });
  const raw = async (invitationId: string) =>
    (
      await ddb.doc.send(
        new GetCommand({
          TableName: ddb.tables.entityMappings,
          Key: keys.invitation(invitationId),
          ConsistentRead: true,
        })
      )
    ).Item;

  describe('claim', () => {
    it('lets exactly one of many concurrent callers hold an invitation', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const callers = Array.from({ length: 12 }, () => claims());
      // Act
      const results = await Promise.all(callers.map((c) => c.claim(inv)));
      // Assert
      const acquired = results.filter((r) => r.status === 'acquired');
      expect(acquired).toHaveLength(1);
      expect(results.filter((r) => r.status === 'held')).toHaveLength(11);
      expect((await raw(inv))?.claimOwner).toBe(
        (acquired[0] as { token: string } | undefined)?.token
      );
      expect((await raw(inv))?.dealId).toBeUndefined();
    });

    it('answers bound with the deal once the repository bound the invitation', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const first = await claims().claim(inv);
      expect(first.status).toBe('acquired');
      await repo().update('5001', { invitationId: inv });
      // Act
      const later = await claims().claim(inv);
      // Assert
      expect(later).toEqual({ status: 'bound', dealId: '5001' });
      expect(await repo().findDealByInvitation(inv)).toBe('5001');
    });

    it('answers bound for a reverse row written before claims existed', async () => {
      // Arrange: a deal bound by the repository alone (no claim ever taken).
      const inv = anInvitation();
      await repo().update('5002', { invitationId: inv });
      // Act & Assert
      expect(await claims().claim(inv)).toEqual({ status: 'bound', dealId: '5002' });
    });

    it('hands the invitation to a new caller once the holder’s lease ran out', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const crashed = await claims(60).claim(inv);
      expect(crashed.status).toBe('acquired');
      now = T0 + 59_999;
      expect((await claims(60).claim(inv)).status).toBe('held');
      // Act
      now = T0 + 60_000;
      const next = await claims(60).claim(inv);
      // Assert
      expect(next.status).toBe('acquired');
    });

    it('gives a named owner its own unexpired claim back at once, and no one else', async () => {
      // Arrange: an event's attempt claimed and crashed; its retry comes before the lease ran out.
      now = T0;
      const inv = anInvitation();
      const owner = 'event:6f1c2a4e-0b7d-4c1e-9a53-2d8f0e6b7c11';
      const crashed = await claims().claim(inv, owner);
      now = T0 + 60_000;

      // Act
      const retry = await claims().claim(inv, owner);
      const other = await claims().claim(inv, 'event:0a0b0c0d-0000-4000-8000-000000000000');
      const anonymous = await claims().claim(inv);

      // Assert: the retry holds it with the same token (so its renew fence passes); others are refused.
      expect(crashed).toEqual({ status: 'acquired', token: owner });
      expect(retry).toEqual({ status: 'acquired', token: owner });
      expect(other.status).toBe('held');
      expect(anonymous.status).toBe('held');
      expect(await claims().renew(inv, owner)).toBe(true);
      expect((await raw(inv))?.claimUntil).toBe(T0 + 60_000 + 120_000);
    });

    it('refuses an owner that is not a claim token', async () => {
      await expect(claims().claim(anInvitation(), 'event:no spaces')).rejects.toThrow(
        ValidationError
      );
    });
  });

  describe('renew', () => {
    it('keeps the claim of its holder and pushes the lease out', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const held = await claims(60).claim(inv);
      if (held.status !== 'acquired') throw new Error('expected to acquire');
      now = T0 + 50_000;
      // Act
      const renewed = await claims(60).renew(inv, held.token);
      // Assert: still held 60 s after the renewal, free after that.
      expect(renewed).toBe(true);
      now = T0 + 109_999;
      expect((await claims(60).claim(inv)).status).toBe('held');
      now = T0 + 110_000;
      expect((await claims(60).claim(inv)).status).toBe('acquired');
    });

    it('refuses a holder whose expired claim another caller took over', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const slow = await claims(60).claim(inv);
      if (slow.status !== 'acquired') throw new Error('expected to acquire');
      now = T0 + 61_000;
      expect((await claims(60).claim(inv)).status).toBe('acquired');
      // Act
      const renewed = await claims(60).renew(inv, slow.token);
      // Assert
      expect(renewed).toBe(false);
    });

    it('refuses once the invitation is bound, even for the holder', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const held = await claims().claim(inv);
      if (held.status !== 'acquired') throw new Error('expected to acquire');
      await repo().update('5003', { invitationId: inv });
      // Act & Assert
      expect(await claims().renew(inv, held.token)).toBe(false);
    });
  });

  describe('release', () => {
    it('frees the invitation at once for the next caller', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const held = await claims().claim(inv);
      if (held.status !== 'acquired') throw new Error('expected to acquire');
      // Act
      await claims().release(inv, held.token);
      // Assert
      expect((await claims().claim(inv)).status).toBe('acquired');
    });

    it('does not free a claim another caller holds', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      const old = await claims(60).claim(inv);
      if (old.status !== 'acquired') throw new Error('expected to acquire');
      now = T0 + 61_000;
      const current = await claims(60).claim(inv);
      if (current.status !== 'acquired') throw new Error('expected to acquire');
      // Act
      await claims(60).release(inv, old.token);
      // Assert
      expect((await claims(60).claim(inv)).status).toBe('held');
      expect((await raw(inv))?.claimOwner).toBe(current.token);
    });
  });

  describe('binding next to a claim', () => {
    it('binds a claimed invitation and still refuses to re-bind it to another deal', async () => {
      // Arrange
      now = T0;
      const inv = anInvitation();
      expect((await claims().claim(inv)).status).toBe('acquired');
      // Act
      await repo().update('5004', { invitationId: inv });
      // Assert
      expect(await repo().findDealByInvitation(inv)).toBe('5004');
      await expect(repo().update('5005', { invitationId: inv })).rejects.toBeInstanceOf(
        ConflictError
      );
      expect(await repo().findDealByInvitation(inv)).toBe('5004');
    });
  });

  describe('input validation', () => {
    it('rejects an invalid invitation id or token before any DynamoDB call', async () => {
      // Act & Assert
      await expect(claims().claim('not-an-invitation')).rejects.toBeInstanceOf(ValidationError);
      await expect(claims().renew(anInvitation(), 'bad token!')).rejects.toBeInstanceOf(
        ValidationError
      );
      await expect(claims().release(anInvitation(), '')).rejects.toBeInstanceOf(ValidationError);
      expect(() =>
        makeInvitationClaims({
          doc: ddb.doc,
          tableName: ddb.tables.entityMappings,
          leaseSeconds: 0,
        })
      ).toThrow(ValidationError);
    });
  });
});
