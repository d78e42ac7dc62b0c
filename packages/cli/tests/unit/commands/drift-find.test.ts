// findDrift (pure): one finding per difference, each with its repair, from hand-built snapshots.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { type AceSubmission, DEAL_PROP, mapDealToCreate } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { findDrift, findingId, sameValue } from '../../../src/drift/find-drift';
import type { DriftSettings, DriftSnapshot } from '../../../src/drift/types';

const SETTINGS: DriftSettings = {
  catalog: 'Sandbox',
  pipelineId: 'p1',
  referralStageId: 's-ref',
  submitStageIds: ['s-submit'],
  stageIds: {
    submitted: 's-submitted',
    inReview: 's-review',
    approved: 's-approved',
    actionRequired: 's-action',
    closedLost: 's-lost',
    closedWon: 's-won',
  },
  awsAccountId: '000000000000',
  defaultSolutionId: undefined,
  involvementType: 'Co-Sell',
  visibility: 'Full',
  today: '2026-11-23',
};

const DEAL_PROPS: Record<string, string> = {
  dealname: 'Fictional Archive Search',
  amount: '120000',
  closedate: '2027-06-30',
  description: 'A fictional agency digitises its archive.',
  dealstage: 's-submitted',
  govwin_industry: 'Government',
  govwin_ace_partner_need: 'Co-Sell - Architectural Validation',
  govwin_ace_delivery_model: 'Professional Services',
  govwin_ace_use_case: 'Migration / Database Migration',
  govwin_ace_aws_products: 'AmazonS3',
};
const COMPANY = { name: 'Fictional Agency', website: 'https://agency.example.gov', country: 'US' };

/** The live opportunity of a deal as Partner Central would echo it after a create. */
const oppOf = (
  dealId: string,
  props: Record<string, string>,
  aceId = 'O42'
): GetOpportunityCommandOutput => {
  const { body } = mapDealToCreate({
    deal: { id: dealId, properties: props },
    company: COMPANY,
    today: SETTINGS.today,
  });
  return {
    ...body,
    Id: aceId,
    Catalog: 'Sandbox',
    LastModifiedDate: new Date('2026-11-20T10:00:00Z'),
    CreatedDate: new Date('2026-11-20T10:00:00Z'),
    LifeCycle: { ...body.LifeCycle, ReviewStatus: 'Pending Submission' },
    RelatedEntityIdentifiers: { AwsProducts: ['AmazonS3'], Solutions: [] },
    $metadata: {},
  } as GetOpportunityCommandOutput;
};

const row = (dealId: string, extra: Partial<AceSubmission> = {}): AceSubmission => ({
  dealId,
  aceOpportunityId: 'O42',
  clientTokens: { create: 't' },
  steps: { created: '2026-11-20T10:00:00.000Z', writtenBack: '2026-11-20T10:00:01.000Z' },
  reviewStatus: 'Pending Submission',
  lifecycleStage: 'Qualified',
  parkedEdits: [],
  updatedAt: '2026-11-20T10:00:01.000Z',
  ...extra,
});

/** A submitted deal that agrees with ACE everywhere. */
const inSync = (): DriftSnapshot & { dealProps: Record<string, string> } => {
  const dealProps = {
    ...DEAL_PROPS,
    [DEAL_PROP.cosellId]: 'O42',
    [DEAL_PROP.cosellStatus]: 'Pending Submission',
    [DEAL_PROP.lifecycleStage]: 'Qualified',
    [DEAL_PROP.cosellProducts]: 'AmazonS3',
  };
  return {
    dealProps,
    govwin: undefined,
    watermarks: new Map(),
    deals: new Map([['7', { id: '7', properties: dealProps }]]),
    dealByGovwin: new Map(),
    aceDealIds: ['7'],
    submissions: new Map([['7', row('7')]]),
    ace: new Map([['O42', { status: 'found' as const, opp: oppOf('7', dealProps) }]]),
  };
};

const codes = (s: DriftSnapshot) =>
  findDrift(s, SETTINGS).map((f) => [f.code, f.field ?? '', f.repair.kind]);

describe('findDrift', () => {
  describe('HubSpot <-> ACE', () => {
    it('finds nothing when the deal, the mapping row and the opportunity agree', () => {
      expect(findDrift(inSync(), SETTINGS)).toEqual([]);
    });

    it('proposes an update message for a BD edit that never reached ACE', () => {
      const s = inSync();
      s.dealProps.govwin_ace_delivery_model = 'Managed Services';
      expect(codes(s)).toEqual([
        ['ace-field-conflict', 'govwin_ace_delivery_model', 'enqueue-update'],
      ]);
      expect(findDrift(s, SETTINGS)[0]?.repair).toEqual({
        kind: 'enqueue-update',
        dealId: '7',
        property: 'govwin_ace_delivery_model',
      });
    });

    it('proposes the mirror for an AWS state the deal does not show', () => {
      const s = inSync();
      s.dealProps[DEAL_PROP.cosellStatus] = 'Approved';
      expect(codes(s)).toEqual([['mirror-stale', DEAL_PROP.cosellStatus, 'mirror']]);
    });

    it('flags a stale mapping row on its own when the deal is already right', () => {
      const s = inSync();
      (s.submissions as Map<string, AceSubmission>).set(
        '7',
        row('7', { reviewStatus: 'Submitted' })
      );
      expect(codes(s)).toEqual([['mapping-stale', '', 'mirror']]);
    });

    it('proposes a submit message for a deal in a submit stage that never got an opportunity', () => {
      const s = inSync();
      s.dealProps[DEAL_PROP.cosellId] = '';
      s.dealProps.dealstage = 's-submit';
      (s.submissions as Map<string, AceSubmission>).clear();
      expect(findDrift(s, SETTINGS).map((f) => [f.code, f.repair])).toEqual([
        ['submission-missing', { kind: 'enqueue-submit', dealId: '7', stageId: 's-submit' }],
      ]);
    });

    it("refuses to propose writes to an opportunity that carries another record's identifier", () => {
      const s = inSync();
      (s.ace as Map<string, unknown>).set('O42', {
        status: 'found',
        opp: { ...oppOf('7', s.dealProps), PartnerOpportunityIdentifier: '999' },
      });
      expect(codes(s)).toEqual([['foreign-opportunity', '', 'none']]);
    });

    it('reports a co-sell id that disagrees with the mapping, for a person to settle', () => {
      const s = inSync();
      s.dealProps[DEAL_PROP.cosellId] = 'O43';
      expect(codes(s)).toEqual([['cosell-id-conflict', DEAL_PROP.cosellId, 'none']]);
    });

    it('reports an opportunity Partner Central does not know', () => {
      const s = inSync();
      (s.ace as Map<string, unknown>).set('O42', { status: 'missing' });
      expect(codes(s)).toEqual([['ace-opportunity-missing', '', 'none']]);
    });

    it('compares nothing for an opportunity that could not be read', () => {
      const s = inSync();
      (s.ace as Map<string, unknown>).set('O42', { status: 'unreadable', error: 'x' });
      expect(findDrift(s, SETTINGS)).toEqual([]);
    });

    it('turns a deal value the mapping refuses into a manual finding naming the property', () => {
      const s = inSync();
      s.dealProps[DEAL_PROP.awsAccountId] = '12345';
      expect(findDrift(s, SETTINGS).map((f) => [f.code, f.field, f.detail])).toEqual([
        [
          'deal-invalid',
          DEAL_PROP.awsAccountId,
          "the deal's govwin_ace_aws_account_id must be a 12-digit AWS account id",
        ],
      ]);
    });

    it('proposes an update of the products when ACE holds others', () => {
      const s = inSync();
      s.dealProps.govwin_ace_aws_products = 'AmazonS3;AmazonEC2';
      expect(codes(s)).toEqual([
        ['ace-products-conflict', DEAL_PROP.awsProducts, 'enqueue-update'],
      ]);
    });

    it('replays parked edits once the review is over, and not while it lasts', () => {
      const s = inSync();
      (s.submissions as Map<string, AceSubmission>).set(
        '7',
        row('7', { parkedEdits: ['govwin_ace_delivery_model'] })
      );
      s.dealProps.govwin_ace_delivery_model = 'Managed Services';
      expect(codes(s)).toEqual([['parked-edits', 'govwin_ace_delivery_model', 'enqueue-update']]);
      const opp = oppOf('7', {
        ...s.dealProps,
        govwin_ace_delivery_model: 'Professional Services',
      });
      (s.ace as Map<string, unknown>).set('O42', {
        status: 'found',
        opp: { ...opp, LifeCycle: { ...opp.LifeCycle, ReviewStatus: 'In review' } },
      });
      (s.submissions as Map<string, AceSubmission>).set(
        '7',
        row('7', { parkedEdits: ['govwin_ace_delivery_model'], reviewStatus: 'In review' })
      );
      s.dealProps[DEAL_PROP.cosellStatus] = 'In review';
      s.dealProps.dealstage = 's-review';
      expect(codes(s)).toEqual([]);
    });
  });

  describe('GovWin <-> HubSpot', () => {
    const govwin = (
      updateDate: string,
      mapped: Record<string, string> = { dealname: 'A', amount: '5' }
    ) => ({
      govwin: [{ govwinId: 'OPP1', updateDate, mapped }],
      aceDealIds: [],
    });
    const base = (): DriftSnapshot => ({
      govwin: [],
      watermarks: new Map([
        [
          'OPP1',
          {
            govwinId: 'OPP1',
            updateDate: '2026-10-01T00:00:00.000Z',
            hubspotDealId: '9',
            syncedAt: '2026-10-02T00:00:00.000Z',
          },
        ],
      ]),
      deals: new Map([
        [
          '9',
          {
            id: '9',
            properties: { dealname: 'A', amount: '5.0', closedate: '2027-01-01T00:00:00.000Z' },
          },
        ],
      ]),
      dealByGovwin: new Map([['OPP1', '9']]),
      aceDealIds: [],
      submissions: new Map(),
      ace: new Map(),
    });

    it('finds nothing when HubSpot holds what GovWin maps to (numbers and dates by value)', () => {
      expect(
        findDrift(
          {
            ...base(),
            ...govwin('2026-10-01T00:00:00Z', {
              dealname: 'A',
              amount: '5',
              closedate: '1798761600000',
            }),
          },
          SETTINGS
        )
      ).toEqual([]);
    });

    it('proposes a re-sync for a record GovWin changed since the last sync', () => {
      const [f] = findDrift({ ...base(), ...govwin('2026-11-01T00:00:00.000Z') }, SETTINGS);
      expect(f).toMatchObject({
        code: 'govwin-stale',
        kind: 'stale',
        dealId: '9',
        repair: { kind: 'enqueue-sync', govwinId: 'OPP1', updateDate: '2026-11-01T00:00:00.000Z' },
      });
    });

    it('proposes a sync for a record never synced, and a manual fix for a synced deal that was deleted', () => {
      const never = {
        ...base(),
        watermarks: new Map(),
        dealByGovwin: new Map(),
        ...govwin('2026-10-01T00:00:00Z'),
      };
      const gone = { ...base(), deals: new Map(), ...govwin('2026-10-01T00:00:00Z') };
      expect(codes(never)).toEqual([['govwin-unsynced', '', 'enqueue-sync']]);
      expect(codes(gone)).toEqual([['hubspot-deal-missing', '', 'none']]);
    });

    it('reports a GovWin-owned field edited in HubSpot, per field, with no automatic repair', () => {
      expect(
        codes({
          ...base(),
          ...govwin('2026-10-01T00:00:00Z', { dealname: 'B', amount: '5', dealstage: 'x' }),
        })
      ).toEqual([['govwin-field-conflict', 'dealname', 'none']]);
    });
  });

  it('gives a finding the same id on every run and different ids to different drift', () => {
    const a = { code: 'mirror-stale', dealId: '7', aceId: 'O42', field: 'x' };
    expect(findingId(a)).toBe(findingId({ ...a }));
    expect(findingId(a)).not.toBe(findingId({ ...a, field: 'y' }));
    expect(findingId(a)).toMatch(/^d[0-9a-f]{8}$/);
  });
});

describe('sameValue', () => {
  it.each([
    ['5', '5.0', true],
    ['2027-01-01', '2027-01-01T00:00:00.000Z', true],
    ['1798761600000', '2027-01-01T00:00:00.000Z', true],
    [' text ', 'text', true],
    ['5', '6', false],
    ['', 'x', false],
    ['2027-01-01', '2027-01-02', false],
    ['12 Main', '12 Main St', false],
  ])('sameValue(%j, %j) is %s', (a, b, want) => {
    expect(sameValue(a, b)).toBe(want);
  });
});
