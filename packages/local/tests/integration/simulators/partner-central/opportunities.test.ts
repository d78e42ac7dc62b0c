import {
  AccessDeniedException,
  AssignOpportunityCommand,
  AssociateOpportunityCommand,
  ConflictException,
  CreateOpportunityCommand,
  DisassociateOpportunityCommand,
  GetOpportunityCommand,
  ListOpportunitiesCommand,
  ListSolutionsCommand,
  ResourceNotFoundException,
  UpdateOpportunityCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-selling';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  anOpportunity,
  type Harness,
  NO_QUOTAS,
  rejectionOf,
  START,
  startHarness,
} from './harness';

describe('Partner Central simulator: opportunities over the real SDK', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  describe('CreateOpportunity / GetOpportunity', () => {
    it('round-trips every member and sets the service-owned ones', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity();
      // Act
      const created = await h.pc.send(new CreateOpportunityCommand(input));
      const got = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: created.Id })
      );
      // Assert
      expect(created.Id).toMatch(/^O[0-9]{1,19}$/);
      expect(created.PartnerOpportunityIdentifier).toBe('hubspot-deal-1001');
      expect(created.LastModifiedDate).toEqual(new Date(START));
      expect(got.Customer).toEqual(input.Customer);
      expect(got.Project).toEqual(input.Project);
      expect(got.PrimaryNeedsFromAws).toEqual(input.PrimaryNeedsFromAws);
      expect(got.LifeCycle).toEqual({
        ...input.LifeCycle,
        ReviewStatus: 'Pending Submission',
        NextStepsHistory: [{ Value: 'Scope workshop', Time: new Date(START) }],
      });
      expect(got.CreatedDate).toEqual(new Date(START));
      expect(got.LastModifiedDate).toEqual(created.LastModifiedDate);
      expect(got.Arn).toBe(
        `arn:aws:partnercentral:us-east-1::catalog/Sandbox/opportunity/${created.Id}`
      );
      expect(got.RelatedEntityIdentifiers).toEqual({});
    });

    it('ignores a ReviewStatus sent by the partner', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      // Act
      const created = await h.pc.send(
        new CreateOpportunityCommand(
          anOpportunity({ LifeCycle: { Stage: 'Qualified', ReviewStatus: 'Approved' } })
        )
      );
      const got = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: created.Id })
      );
      // Assert
      expect(got.LifeCycle?.ReviewStatus).toBe('Pending Submission');
    });
  });

  describe('validation from the SDK model', () => {
    it('names a missing required member by its path', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity({ Customer: { Account: { Industry: 'Government' } as never } });
      // Act
      const err = await rejectionOf(h.pc.send(new CreateOpportunityCommand(input)));
      // Assert
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.Reason).toBe('REQUEST_VALIDATION_FAILED');
      expect(err.ErrorList).toEqual([
        expect.objectContaining({
          FieldName: 'Customer.Account.CompanyName',
          Code: 'REQUIRED_FIELD_MISSING',
        }),
      ]);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    });

    it('rejects values outside the SDK enums, in nested members and lists', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const base = anOpportunity();
      const input = {
        ...base,
        PrimaryNeedsFromAws: ['Co-Sell - Deal Support', 'Co-Sell - Free Lunch'],
        Customer: { Account: { CompanyName: 'Example Utility', Industry: 'Energy' } },
      } as never;
      // Act
      const err = await rejectionOf(h.pc.send(new CreateOpportunityCommand(input)));
      // Assert
      expect(err).toBeInstanceOf(ValidationException);
      const fields = (err.ErrorList as { FieldName: string; Code: string }[]).map((e) => [
        e.FieldName,
        e.Code,
      ]);
      expect(fields).toEqual([
        ['PrimaryNeedsFromAws[1]', 'INVALID_ENUM_VALUE'],
        ['Customer.Account.Industry', 'INVALID_ENUM_VALUE'],
      ]);
    });

    it('checks formats the JS SDK does not carry (dates, lengths)', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity({
        LifeCycle: { Stage: 'Qualified', TargetCloseDate: '30/09/2026' },
        Project: { CustomerBusinessProblem: 'Too short' },
      });
      // Act
      const err = await rejectionOf(h.pc.send(new CreateOpportunityCommand(input)));
      // Assert
      const fields = (err.ErrorList as { FieldName: string; Code: string }[]).map((e) => [
        e.FieldName,
        e.Code,
      ]);
      expect(fields).toEqual([
        ['Project.CustomerBusinessProblem', 'VALUE_OUT_OF_RANGE'],
        ['LifeCycle.TargetCloseDate', 'INVALID_STRING_FORMAT'],
      ]);
    });

    it('applies business rules with BUSINESS_VALIDATION_FAILED', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity({ Catalog: 'AWS', Origin: 'AWS Referral' });
      // Act
      const err = await rejectionOf(h.pc.send(new CreateOpportunityCommand(input)));
      // Assert
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.Reason).toBe('BUSINESS_VALIDATION_FAILED');
      expect(err.ErrorList).toEqual([expect.objectContaining({ FieldName: 'Origin' })]);
    });

    it('keeps customer values out of error messages', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity({
        Customer: {
          Account: { CompanyName: 'Secret Agency Name', Industry: 'Secretive' as never },
        },
      });
      // Act
      const err = await rejectionOf(h.pc.send(new CreateOpportunityCommand(input)));
      // Assert
      expect(JSON.stringify(err.ErrorList)).not.toContain('Secret');
      expect(String(err.message)).not.toContain('Secret');
    });
  });

  describe('ClientToken idempotency', () => {
    it('returns the first result for a retried request and creates one opportunity', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const input = anOpportunity({ ClientToken: 'deal-1001-attempt-1' });
      // Act
      const first = await h.pc.send(new CreateOpportunityCommand(input));
      h.sim.advance(5_000);
      const second = await h.pc.send(new CreateOpportunityCommand(input));
      // Assert
      expect(second.Id).toBe(first.Id);
      expect(second.LastModifiedDate).toEqual(first.LastModifiedDate);
      expect(h.sim.inspect().catalogs.Sandbox.opportunities).toHaveLength(1);
      expect(h.events.filter((e) => e['detail-type'] === 'Opportunity Created')).toHaveLength(1);
    });

    it('refuses the same token with a different body', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      await h.pc.send(new CreateOpportunityCommand(anOpportunity({ ClientToken: 'reused' })));
      // Act
      const err = await rejectionOf(
        h.pc.send(
          new CreateOpportunityCommand(
            anOpportunity({ ClientToken: 'reused', PartnerOpportunityIdentifier: 'other' })
          )
        )
      );
      // Assert
      expect(err).toBeInstanceOf(ConflictException);
      expect(h.sim.inspect().catalogs.Sandbox.opportunities).toHaveLength(1);
    });

    it('scopes tokens to a catalog', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      // Act
      const sandbox = await h.pc.send(
        new CreateOpportunityCommand(anOpportunity({ ClientToken: 't' }))
      );
      const aws = await h.pc.send(
        new CreateOpportunityCommand(anOpportunity({ ClientToken: 't', Catalog: 'AWS' }))
      );
      // Assert
      expect(aws.Id).not.toBe(sandbox.Id);
    });
  });

  describe('catalog isolation', () => {
    it('does not find a Sandbox opportunity in the AWS catalog', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const { Id } = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      // Act
      const err = await rejectionOf(
        h.pc.send(new GetOpportunityCommand({ Catalog: 'AWS', Identifier: Id }))
      );
      const awsList = await h.pc.send(new ListOpportunitiesCommand({ Catalog: 'AWS' }));
      const sandboxList = await h.pc.send(new ListOpportunitiesCommand({ Catalog: 'Sandbox' }));
      // Assert
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      expect(awsList.OpportunitySummaries).toEqual([]);
      expect(sandboxList.OpportunitySummaries?.map((o) => o.Id)).toEqual([Id]);
    });

    it('answers AccessDeniedException for a catalog the partner may not use', async () => {
      // Arrange
      h = await startHarness({ ...NO_QUOTAS, catalogs: ['Sandbox'] });
      // Act
      const err = await rejectionOf(
        h.pc.send(new CreateOpportunityCommand(anOpportunity({ Catalog: 'AWS' })))
      );
      // Assert
      expect(err).toBeInstanceOf(AccessDeniedException);
    });

    it('rejects an unknown catalog name', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      // Act
      const err = await rejectionOf(
        h.pc.send(new ListOpportunitiesCommand({ Catalog: 'Production' }))
      );
      // Assert
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.ErrorList).toEqual([expect.objectContaining({ FieldName: 'Catalog' })]);
    });
  });

  describe('UpdateOpportunity', () => {
    it('replaces the whole object and moves LastModifiedDate', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const created = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      h.sim.advance(60_000);
      // Act
      const updated = await h.pc.send(
        new UpdateOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: created.Id,
          LastModifiedDate: created.LastModifiedDate,
          Customer: {
            Account: { CompanyName: 'Example County Records Office', Industry: 'Government' },
          },
          LifeCycle: { Stage: 'Technical Validation', NextSteps: 'Pilot' },
        })
      );
      const got = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: created.Id })
      );
      // Assert
      expect(updated.LastModifiedDate).toEqual(new Date(START + 60_000));
      expect(got.Project).toBeUndefined();
      expect(got.PartnerOpportunityIdentifier).toBeUndefined();
      expect(got.LifeCycle?.Stage).toBe('Technical Validation');
      expect(got.LifeCycle?.ReviewStatus).toBe('Pending Submission');
      expect(got.LifeCycle?.NextStepsHistory?.map((x) => x.Value)).toEqual([
        'Scope workshop',
        'Pilot',
      ]);
      expect(h.events.map((e) => e['detail-type'])).toEqual([
        'Opportunity Created',
        'Opportunity Updated',
      ]);
    });

    it('answers ConflictException for a stale LastModifiedDate', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const created = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      const update = (LastModifiedDate: Date | undefined) =>
        h.pc.send(
          new UpdateOpportunityCommand({
            Catalog: 'Sandbox',
            Identifier: created.Id,
            LastModifiedDate,
            Customer: { Account: { CompanyName: 'Example County Records Office' } },
          })
        );
      h.sim.advance(1_000);
      await update(created.LastModifiedDate);
      // Act
      const err = await rejectionOf(update(created.LastModifiedDate));
      // Assert
      expect(err).toBeInstanceOf(ConflictException);
    });

    it('requires LastModifiedDate and the Identifier format', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      // Act
      const err = await rejectionOf(
        h.pc.send(
          new UpdateOpportunityCommand({ Catalog: 'Sandbox', Identifier: 'deal-1' } as never)
        )
      );
      // Assert
      const fields = (err.ErrorList as { FieldName: string; Code: string }[]).map((e) => [
        e.FieldName,
        e.Code,
      ]);
      expect(fields).toEqual([
        ['LastModifiedDate', 'REQUIRED_FIELD_MISSING'],
        ['Identifier', 'INVALID_STRING_FORMAT'],
      ]);
    });
  });

  describe('AssignOpportunity', () => {
    it('puts the assignee on the opportunity team in place of the same role', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const { Id } = await h.pc.send(
        new CreateOpportunityCommand(
          anOpportunity({
            OpportunityTeam: [
              { Email: 'old.owner@example.com', BusinessTitle: 'OpportunityOwner' },
              { Email: 'pam@example.com', BusinessTitle: 'PartnerAccountManager' },
            ],
          })
        )
      );
      // Act
      await h.pc.send(
        new AssignOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: Id,
          Assignee: {
            Email: 'new.owner@example.com',
            FirstName: 'Sam',
            LastName: 'Example',
            BusinessTitle: 'OpportunityOwner',
          },
        })
      );
      const got = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id })
      );
      // Assert
      expect(got.OpportunityTeam?.map((m) => m.Email)).toEqual([
        'new.owner@example.com',
        'pam@example.com',
      ]);
    });
  });

  describe('ListOpportunities', () => {
    it('pages through every opportunity so a client can find its own identifier', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      for (let i = 0; i < 25; i += 1) {
        h.sim.advance(1_000);
        await h.pc.send(
          new CreateOpportunityCommand(anOpportunity({ PartnerOpportunityIdentifier: `deal-${i}` }))
        );
      }
      // Act
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const res = await h.pc.send(
          new ListOpportunitiesCommand({ Catalog: 'Sandbox', MaxResults: 10, NextToken })
        );
        seen.push(
          ...(res.OpportunitySummaries ?? []).map((o) => o.PartnerOpportunityIdentifier ?? '')
        );
        NextToken = res.NextToken;
        pages += 1;
      } while (NextToken);
      // Assert
      expect(pages).toBe(3);
      expect(seen).toHaveLength(25);
      expect(seen[0]).toBe('deal-24');
      expect(new Set(seen).size).toBe(25);
    });

    it('filters by review status, stage and modification time', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const early = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      h.sim.advance(10_000);
      const late = await h.pc.send(
        new CreateOpportunityCommand(
          anOpportunity({ LifeCycle: { Stage: 'Committed', TargetCloseDate: '2026-10-01' } })
        )
      );
      // Act
      const byStage = await h.pc.send(
        new ListOpportunitiesCommand({ Catalog: 'Sandbox', LifeCycleStage: ['Committed'] })
      );
      const byTime = await h.pc.send(
        new ListOpportunitiesCommand({
          Catalog: 'Sandbox',
          LastModifiedDate: { AfterLastModifiedDate: new Date(START + 5_000) },
          LifeCycleReviewStatus: ['Pending Submission'],
          Sort: { SortBy: 'CreatedDate', SortOrder: 'ASCENDING' },
        })
      );
      // Assert
      expect(byStage.OpportunitySummaries?.map((o) => o.Id)).toEqual([late.Id]);
      expect(byTime.OpportunitySummaries?.map((o) => o.Id)).toEqual([late.Id]);
      expect(early.Id).not.toBe(late.Id);
    });

    it('rejects a NextToken reused with other filters', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      for (let i = 0; i < 3; i += 1) await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      const first = await h.pc.send(
        new ListOpportunitiesCommand({ Catalog: 'Sandbox', MaxResults: 1 })
      );
      // Act
      const err = await rejectionOf(
        h.pc.send(
          new ListOpportunitiesCommand({
            Catalog: 'Sandbox',
            MaxResults: 1,
            NextToken: first.NextToken,
            LifeCycleStage: ['Prospect'],
          })
        )
      );
      // Assert
      expect(first.NextToken).toBeDefined();
      expect(err).toBeInstanceOf(ValidationException);
    });
  });

  describe('associations and solutions', () => {
    it('associates a seeded solution and an AWS product, then disassociates', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const { Id } = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      const solutions = await h.pc.send(
        new ListSolutionsCommand({ Catalog: 'Sandbox', Status: ['Active'] })
      );
      const solutionId = solutions.SolutionSummaries?.[0]?.Id ?? '';
      const link = { Catalog: 'Sandbox', OpportunityIdentifier: Id } as const;
      // Act
      await h.pc.send(
        new AssociateOpportunityCommand({
          ...link,
          RelatedEntityType: 'Solutions',
          RelatedEntityIdentifier: solutionId,
        })
      );
      await h.pc.send(
        new AssociateOpportunityCommand({
          ...link,
          RelatedEntityType: 'AwsProducts',
          RelatedEntityIdentifier: 'AmazonS3',
        })
      );
      const linked = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id })
      );
      await h.pc.send(
        new DisassociateOpportunityCommand({
          ...link,
          RelatedEntityType: 'AwsProducts',
          RelatedEntityIdentifier: 'AmazonS3',
        })
      );
      const unlinked = await h.pc.send(
        new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id })
      );
      // Assert
      expect(solutions.SolutionSummaries?.map((s) => s.Status)).toEqual(['Active', 'Active']);
      expect(linked.RelatedEntityIdentifiers).toEqual({
        Solutions: [solutionId],
        AwsProducts: ['AmazonS3'],
      });
      expect(unlinked.RelatedEntityIdentifiers).toEqual({
        Solutions: [solutionId],
        AwsProducts: [],
      });
      expect(h.sim.inspect().catalogs.Sandbox.associations).toEqual([
        { opportunityId: Id, type: 'Solutions', id: solutionId },
      ]);
    });

    it('refuses an unknown solution, a bad entity type and a missing association', async () => {
      // Arrange
      h = await startHarness(NO_QUOTAS);
      const { Id } = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
      const link = { Catalog: 'Sandbox', OpportunityIdentifier: Id } as const;
      // Act
      const unknown = await rejectionOf(
        h.pc.send(
          new AssociateOpportunityCommand({
            ...link,
            RelatedEntityType: 'Solutions',
            RelatedEntityIdentifier: 'S-9999999',
          })
        )
      );
      const badType = await rejectionOf(
        h.pc.send(
          new AssociateOpportunityCommand({
            ...link,
            RelatedEntityType: 'Widgets' as never,
            RelatedEntityIdentifier: 'x',
          })
        )
      );
      const missing = await rejectionOf(
        h.pc.send(
          new DisassociateOpportunityCommand({
            ...link,
            RelatedEntityType: 'AwsProducts',
            RelatedEntityIdentifier: 'AmazonEC2',
          })
        )
      );
      // Assert
      expect(unknown).toBeInstanceOf(ResourceNotFoundException);
      expect(badType).toBeInstanceOf(ValidationException);
      expect(badType.ErrorList).toEqual([
        expect.objectContaining({ FieldName: 'RelatedEntityType', Code: 'INVALID_ENUM_VALUE' }),
      ]);
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
    });
  });
});
