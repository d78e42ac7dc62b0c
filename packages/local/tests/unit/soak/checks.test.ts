import { describe, expect, it } from '@jest/globals';
import { type CheckResult, runChecks, type SoakWorld, soakPassed } from '../../../src/soak/checks';

const STAGES = {
  submitted: 's-sub',
  inReview: 's-rev',
  approved: 's-app',
  actionRequired: 's-act',
  closedLost: 's-lost',
  closedWon: 's-won',
};

const deal = (id: string, props: Record<string, string | null>) => ({ id, properties: props });

/** A consistent world: two synced deals, one submitted, approved, mirrored; one referral. */
const cleanWorld = (): SoakWorld => ({
  discoverableGovWinIds: ['OPP1', 'OPP2'],
  oddities: new Map(),
  rejected: new Map(),
  deals: [
    deal('11', {
      govwin_opp_id: 'OPP1',
      govwin_aws_cosell_id: 'O100',
      govwin_aws_cosell_status: 'Approved',
      dealstage: 's-app',
    }),
    deal('12', { govwin_opp_id: 'OPP2', dealstage: 'x' }),
    deal('13', { govwin_ace_invitation_id: 'engi-1' }),
  ],
  opportunities: [
    {
      Id: 'O100',
      PartnerOpportunityIdentifier: '11',
      LifeCycle: { ReviewStatus: 'Approved', Stage: 'Qualified', NextSteps: 'call' },
    },
  ],
  engagementTasks: [{ OpportunityId: 'O100', TaskStatus: 'COMPLETE', EngagementId: 'eng-1' }],
  submitted: new Set(['11']),
  invalid: new Set(),
  edits: new Map([['11', 'call']]),
  invitationIds: ['engi-1'],
  triggerWebhookDelivered: new Set(['11']),
  invitationEventDelivered: new Set(['engi-1']),
  stageIds: STAGES,
  deadLetters: [],
  leaks: [],
  notExercised: new Map(),
});

const check = (checks: CheckResult[], name: string) => {
  const c = checks.find((x) => x.name.startsWith(name));
  if (!c) throw new Error(`no check ${name}`);
  return c;
};

describe('runChecks', () => {
  it('passes a consistent world with every check run', () => {
    // Act
    const checks = runChecks(cleanWorld());
    // Assert
    expect(checks.map((c) => c.status)).toEqual(checks.map(() => 'ok'));
    expect(soakPassed(checks)).toBe(true);
  });

  it('counts a GovWin opportunity without a deal as lost, unless an odd record was rejected', () => {
    // Arrange
    const world = {
      ...cleanWorld(),
      discoverableGovWinIds: ['OPP1', 'OPP2', 'OPP3', 'OPP4', 'OPP5'],
      oddities: new Map([['OPP4', 'missing-title-and-description']]),
      rejected: new Map([
        ['OPP4', 'no title'],
        ['OPP5', 'bad date'],
      ]),
    };
    // Act
    const c = check(runChecks(world), 'GovWin opportunities without');
    // Assert
    expect(c.status).toBe('failed');
    expect(c.items).toEqual([
      'OPP3: no deal',
      'OPP5: rejected although its data is valid (bad date)',
    ]);
    expect(c.allowed).toEqual(['OPP4: missing-title-and-description -> rejected (no title)']);
  });

  it('names why a submitted deal has no AWS opportunity', () => {
    // Arrange
    const world = { ...cleanWorld(), submitted: new Set(['11', '12']) };
    // Act
    const c = check(runChecks(world), 'submitted deals without');
    // Assert
    expect(c.count).toBe(1);
    expect(c.items[0]).toMatch(/^deal 12: .*trigger-stage webhook was never delivered/);
  });

  it('finds duplicate deals, opportunities, engagements and referral deals', () => {
    // Arrange
    const base = cleanWorld();
    const world: SoakWorld = {
      ...base,
      deals: [
        ...base.deals,
        deal('14', { govwin_opp_id: 'OPP1' }),
        deal('15', { govwin_ace_invitation_id: 'engi-1' }),
      ],
      opportunities: [
        ...base.opportunities,
        { Id: 'O101', PartnerOpportunityIdentifier: '11', LifeCycle: { ReviewStatus: 'Approved' } },
      ],
      engagementTasks: [
        ...base.engagementTasks,
        { OpportunityId: 'O100', TaskStatus: 'IN_PROGRESS', EngagementId: 'eng-2' },
        { OpportunityId: 'O101', TaskStatus: 'FAILED', EngagementId: 'eng-3' },
      ],
    };
    // Act
    const checks = runChecks(world);
    // Assert
    expect(check(checks, 'HubSpot deals per GovWin').items).toEqual(['OPP1: 2 deals (11, 14)']);
    expect(check(checks, 'AWS opportunities per deal').items).toEqual([
      'deal 11: 2 opportunities (O100, O101)',
    ]);
    expect(check(checks, 'engagements per AWS').items).toEqual([
      'O100: 2 engagement tasks, 2 engagements',
    ]);
    expect(check(checks, 'referral deals per').items).toEqual(['invitation engi-1: 2 deals']);
  });

  it('reports a deal whose status, stage or id differs from AWS', () => {
    // Arrange
    const base = cleanWorld();
    const world: SoakWorld = {
      ...base,
      opportunities: [
        {
          Id: 'O100',
          PartnerOpportunityIdentifier: '11',
          LifeCycle: { ReviewStatus: 'Approved', Stage: 'Launched', NextSteps: 'call' },
        },
      ],
    };
    // Act
    const c = check(runChecks(world), 'HubSpot status != AWS');
    // Assert: Launched wins over Approved, so the deal should be Closed Won.
    expect(c.items).toEqual(["deal 11: deal stage is not 'closedWon' (O100)"]);
  });

  it('reports an edit that did not reach AWS and an invalid deal that did', () => {
    // Arrange
    const world = {
      ...cleanWorld(),
      edits: new Map([['11', 'call back']]),
      invalid: new Set(['11']),
    };
    // Act
    const checks = runChecks(world);
    // Assert
    expect(check(checks, 'rep edits missing').items).toEqual([
      'deal 11: the last edit of next steps did not reach O100',
    ]);
    expect(check(checks, 'invalid-by-design deals').count).toBe(1);
  });

  it('allows dead letters of invalid-by-design deals only, naming each', () => {
    // Arrange
    const world = {
      ...cleanWorld(),
      invalid: new Set(['12']),
      deadLetters: [
        { queue: 'ace-submit-dlq', id: 'm1', subject: 'submit deal 12', dealId: '12', reason: 'x' },
        { queue: 'ace-submit-dlq', id: 'm2', subject: 'submit deal 11', dealId: '11', reason: 'y' },
      ],
    };
    // Act
    const c = check(runChecks(world), 'dead-lettered');
    // Assert
    expect(c.items).toEqual(['ace-submit-dlq submit deal 11: y']);
    expect(c.allowed).toHaveLength(1);
    expect(c.allowed?.[0]).toMatch(/^ace-submit-dlq submit deal 12: invalid by design/);
  });

  it('marks the checks of a flow the run did not exercise as not run, and fails the run', () => {
    // Arrange
    const world = {
      ...cleanWorld(),
      notExercised: new Map([['referrals' as const, 'no AWS referral was sent']]),
    };
    // Act
    const checks = runChecks(world);
    // Assert
    const c = check(checks, 'AWS referrals without');
    expect(c).toMatchObject({ status: 'not-run', count: 0, note: 'no AWS referral was sent' });
    expect(soakPassed(checks)).toBe(false);
  });

  it('counts every leak finding', () => {
    // Act
    const c = check(
      runChecks({
        ...cleanWorld(),
        leaks: [{ source: 'log', kinds: ['email'], where: 'ace-submitter-submit', line: 7 }],
      }),
      'secrets or personal data'
    );
    // Assert
    expect(c.items).toEqual(['log ace-submitter-submit (log line 7): email']);
  });
});
