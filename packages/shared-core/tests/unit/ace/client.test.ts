import {
  AssociateOpportunityCommand,
  ConflictException,
  CreateOpportunityCommand,
  GetOpportunityCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  ListOpportunitiesCommand,
  PartnerCentralSellingClient,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  ThrottlingException,
  UpdateOpportunityCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-selling';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { makeAceClient } from '../../../src/ace/client';
import { AceApiError } from '../../../src/ace/errors';

const pc = mockClient(PartnerCentralSellingClient);
const LMD = new Date('2026-11-20T10:00:00Z');

const setup = (retry = {}) => {
  const gateCalls: string[] = [];
  const sleeps: number[] = [];
  const ace = makeAceClient({
    client: new PartnerCentralSellingClient({ region: 'us-east-1' }),
    catalog: 'Sandbox',
    gates: {
      read: async () => {
        gateCalls.push('read');
      },
      write: async () => {
        gateCalls.push('write');
      },
    },
    retry,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { ace, gateCalls, sleeps };
};

const throttle = () => new ThrottlingException({ message: 'slow down', $metadata: {} });

describe('makeAceClient', () => {
  beforeEach(() => {
    pc.reset();
  });

  describe('createOpportunity', () => {
    it('pins the catalog, passes the reserved ClientToken and paces through the write gate', async () => {
      // Arrange
      pc.on(CreateOpportunityCommand).resolves({ Id: 'O1001', LastModifiedDate: LMD });
      const { ace, gateCalls } = setup();

      // Act
      const out = await ace.createOpportunity({ PartnerOpportunityIdentifier: '42' }, 'tok-1');

      // Assert
      expect(out).toEqual({ id: 'O1001', lastModifiedDate: LMD });
      expect(pc).toHaveReceivedCommandWith(CreateOpportunityCommand, {
        Catalog: 'Sandbox',
        ClientToken: 'tok-1',
        PartnerOpportunityIdentifier: '42',
      });
      expect(gateCalls).toEqual(['write']);
    });

    it('refuses to call without an explicit ClientToken', async () => {
      // Arrange
      const { ace } = setup();

      // Act & Assert
      await expect(ace.createOpportunity({}, '')).rejects.toMatchObject({
        code: 'ACE_CLIENT_TOKEN_MISSING',
      });
      expect(pc.commandCalls(CreateOpportunityCommand)).toHaveLength(0);
    });

    it('retries throttling with back-off, taking a gate token for every attempt', async () => {
      // Arrange
      pc.on(CreateOpportunityCommand)
        .rejectsOnce(throttle())
        .rejectsOnce(throttle())
        .resolves({ Id: 'O1002', LastModifiedDate: LMD });
      const { ace, gateCalls, sleeps } = setup({ baseDelayMs: 100 });

      // Act
      const out = await ace.createOpportunity({}, 'tok-2');

      // Assert
      expect(out.id).toBe('O1002');
      expect(gateCalls).toEqual(['write', 'write', 'write']);
      expect(sleeps).toEqual([75, 150]);
      const tokens = pc
        .commandCalls(CreateOpportunityCommand)
        .map((c) => c.args[0].input.ClientToken);
      expect(tokens).toEqual(['tok-2', 'tok-2', 'tok-2']);
    });

    it('gives up after maxAttempts with a retryable throttling error', async () => {
      // Arrange
      pc.on(CreateOpportunityCommand).rejects(throttle());
      const { ace } = setup({ maxAttempts: 3 });

      // Act
      const err = await ace.createOpportunity({}, 't').catch((e: unknown) => e);

      // Assert
      expect(err).toBeInstanceOf(AceApiError);
      expect(err).toMatchObject({ kind: 'throttling', retryable: true });
      expect(pc.commandCalls(CreateOpportunityCommand)).toHaveLength(3);
    });

    it('does not retry a validation error', async () => {
      // Arrange
      pc.on(CreateOpportunityCommand).rejects(
        new ValidationException({
          message: 'bad',
          Message: 'bad',
          Reason: 'REQUEST_VALIDATION_FAILED',
          $metadata: {},
        })
      );
      const { ace } = setup();

      // Act & Assert
      await expect(ace.createOpportunity({}, 't')).rejects.toMatchObject({ kind: 'validation' });
      expect(pc.commandCalls(CreateOpportunityCommand)).toHaveLength(1);
    });
  });

  describe('getOpportunity', () => {
    it('returns the opportunity when the catalog echoes back', async () => {
      // Arrange
      pc.on(GetOpportunityCommand, { Catalog: 'Sandbox', Identifier: 'O1' }).resolves({
        Catalog: 'Sandbox',
        Id: 'O1',
      });
      const { ace, gateCalls } = setup();

      // Act
      const out = await ace.getOpportunity('O1');

      // Assert
      expect(out.Id).toBe('O1');
      expect(gateCalls).toEqual(['read']);
    });

    it.each([['AWS'], [undefined]])(
      'refuses a response from catalog %p (CrossCatalogResponse)',
      async (catalog) => {
        // Arrange
        pc.on(GetOpportunityCommand).resolves({ Catalog: catalog, Id: 'O1' });
        const { ace } = setup();

        // Act & Assert
        await expect(ace.getOpportunity('O1')).rejects.toMatchObject({
          code: 'CrossCatalogResponse',
          kind: 'cross-catalog',
          retryable: false,
        });
      }
    );

    it('validates the id before calling', async () => {
      // Arrange
      const { ace } = setup();

      // Act & Assert
      await expect(ace.getOpportunity('../O1')).rejects.toMatchObject({ code: 'INVALID_ID' });
      expect(pc.calls()).toHaveLength(0);
    });
  });

  describe('updateOpportunity', () => {
    it('sends Identifier, LastModifiedDate and the catalog, and does not retry a conflict', async () => {
      // Arrange
      pc.on(UpdateOpportunityCommand).rejects(
        new ConflictException({ message: 'stale', $metadata: {} })
      );
      const { ace } = setup();

      // Act
      const err = await ace
        .updateOpportunity('O5', { OpportunityType: 'Expansion' }, LMD)
        .catch((e) => e);

      // Assert
      expect(err).toMatchObject({ kind: 'conflict' });
      expect(pc).toHaveReceivedCommandTimes(UpdateOpportunityCommand, 1);
      expect(pc).toHaveReceivedCommandWith(UpdateOpportunityCommand, {
        Catalog: 'Sandbox',
        Identifier: 'O5',
        LastModifiedDate: LMD,
        OpportunityType: 'Expansion',
      });
    });
  });

  describe('associate and startEngagementFromOpportunityTask', () => {
    it('send the exact inputs', async () => {
      // Arrange
      pc.on(AssociateOpportunityCommand).resolves({});
      pc.on(StartEngagementFromOpportunityTaskCommand).resolves({ TaskId: 'oit-abcdefghij123' });
      const { ace } = setup();

      // Act
      await ace.associate('O7', 'Solutions', 'S-1');
      const task = await ace.startEngagementFromOpportunityTask('O7', 'eng-tok', {
        InvolvementType: 'Co-Sell',
        Visibility: 'Full',
      });

      // Assert
      expect(task.TaskId).toBe('oit-abcdefghij123');
      expect(pc).toHaveReceivedCommandWith(AssociateOpportunityCommand, {
        Catalog: 'Sandbox',
        OpportunityIdentifier: 'O7',
        RelatedEntityType: 'Solutions',
        RelatedEntityIdentifier: 'S-1',
      });
      expect(pc).toHaveReceivedCommandWith(StartEngagementFromOpportunityTaskCommand, {
        Catalog: 'Sandbox',
        Identifier: 'O7',
        ClientToken: 'eng-tok',
        AwsSubmission: { InvolvementType: 'Co-Sell', Visibility: 'Full' },
      });
    });
  });

  describe('referral accept task', () => {
    const INV = 'engi-0123456789abc';

    it('starts the task with the invitation id and the reserved ClientToken, through the write gate', async () => {
      // Arrange
      pc.on(StartEngagementByAcceptingInvitationTaskCommand).resolves({
        TaskId: 'task-abcdefghij123',
        TaskStatus: 'IN_PROGRESS',
      });
      const { ace, gateCalls } = setup();

      // Act
      const task = await ace.startEngagementByAcceptingInvitationTask(INV, 'acc-tok');

      // Assert
      expect(task).toMatchObject({ TaskId: 'task-abcdefghij123', TaskStatus: 'IN_PROGRESS' });
      expect(pc).toHaveReceivedCommandWith(StartEngagementByAcceptingInvitationTaskCommand, {
        Catalog: 'Sandbox',
        Identifier: INV,
        ClientToken: 'acc-tok',
      });
      expect(gateCalls).toEqual(['write']);
    });

    it('refuses a missing ClientToken or a malformed invitation id before calling', async () => {
      // Arrange
      const { ace } = setup();

      // Act & Assert
      await expect(ace.startEngagementByAcceptingInvitationTask(INV, '')).rejects.toMatchObject({
        code: 'ACE_CLIENT_TOKEN_MISSING',
      });
      await expect(ace.startEngagementByAcceptingInvitationTask('engi-../x', 't')).rejects.toThrow(
        /engagement invitation id is invalid/
      );
      expect(pc.commandCalls(StartEngagementByAcceptingInvitationTaskCommand)).toHaveLength(0);
    });

    it('lists the tasks of one invitation newest first and drops summaries of others', async () => {
      // Arrange
      pc.on(ListEngagementByAcceptingInvitationTasksCommand).resolves({
        TaskSummaries: [
          { TaskId: 'task-0000000000002', EngagementInvitationId: INV, TaskStatus: 'COMPLETE' },
          { TaskId: 'task-0000000000009', EngagementInvitationId: 'engi-9999999999999' },
        ],
      });
      const { ace, gateCalls } = setup();

      // Act
      const tasks = await ace.listAcceptTasksForInvitation(INV);

      // Assert
      expect(tasks.map((t) => t.TaskId)).toEqual(['task-0000000000002']);
      expect(pc).toHaveReceivedCommandWith(ListEngagementByAcceptingInvitationTasksCommand, {
        Catalog: 'Sandbox',
        EngagementInvitationIdentifier: [INV],
        MaxResults: 100,
        Sort: { SortBy: 'StartTime', SortOrder: 'DESCENDING' },
      });
      expect(gateCalls).toEqual(['read']);
    });
  });

  describe('findOpportunitiesByPartnerId', () => {
    it('pages newest first and returns only matching summaries', async () => {
      // Arrange
      pc.on(ListOpportunitiesCommand)
        .resolvesOnce({
          OpportunitySummaries: [
            { Catalog: 'Sandbox', Id: 'O1', PartnerOpportunityIdentifier: '99' },
            { Catalog: 'Sandbox', Id: 'O2', PartnerOpportunityIdentifier: '42' },
          ],
          NextToken: 'n1',
        })
        .resolvesOnce({
          OpportunitySummaries: [
            { Catalog: 'Sandbox', Id: 'O3', PartnerOpportunityIdentifier: 'OPP7' },
          ],
        });
      const { ace } = setup();

      // Act
      const found = await ace.findOpportunitiesByPartnerId(['42', 'OPP7']);

      // Assert
      expect(found.map((s) => s.Id)).toEqual(['O2', 'O3']);
      expect(pc.commandCalls(ListOpportunitiesCommand)[1]?.args[0].input).toEqual({
        Catalog: 'Sandbox',
        MaxResults: 100,
        NextToken: 'n1',
        Sort: { SortBy: 'CreatedDate', SortOrder: 'DESCENDING' },
      });
    });

    it('refuses summaries from another catalog', async () => {
      // Arrange
      pc.on(ListOpportunitiesCommand).resolves({
        OpportunitySummaries: [{ Catalog: 'AWS', Id: 'O1', PartnerOpportunityIdentifier: '42' }],
      });
      const { ace } = setup();

      // Act & Assert
      await expect(ace.findOpportunitiesByPartnerId(['42'])).rejects.toMatchObject({
        code: 'CrossCatalogResponse',
      });
    });
  });
});
