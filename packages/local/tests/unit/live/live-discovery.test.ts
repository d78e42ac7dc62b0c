import type { AceSubmission, Pipeline, SearchPage, SearchRequest } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  findTriggerDeals,
  LiveSetupError,
  planSubmissions,
  resolveLivePipeline,
} from '../../../src/live/live-discovery';
import { LOCAL_STAGE_LABELS, type LocalPipeline } from '../../../src/runtime/local-environment';

const stages = (labels: readonly string[]) =>
  labels.map((label, i) => ({ id: `s${i}`, label, displayOrder: i, metadata: {} }));
const pipelineOf = (label: string, stageLabels: readonly string[], archived = false): Pipeline => ({
  id: `p-${label.length}`,
  label,
  displayOrder: 0,
  stages: stages(stageLabels),
  archived,
});
const ALL = Object.values(LOCAL_STAGE_LABELS);
const PIPELINE: LocalPipeline = {
  pipelineId: '777',
  stageIds: {
    trigger: '1001',
    referral: '1002',
    submitted: '1003',
    inReview: '1004',
    approved: '1005',
    actionRequired: '1006',
    closedLost: '1007',
    closedWon: '1008',
  },
};

describe('resolveLivePipeline', () => {
  it('resolves the pipeline by label and every configured stage by label', async () => {
    const hubspot = {
      listPipelines: async () => [
        pipelineOf('GovWin Pipeline', ALL, true),
        pipelineOf('Sales', ['Submit to AWS']),
        { ...pipelineOf('GovWin Pipeline', ['Prospect', ...ALL]), id: 'real' },
      ],
    };
    const p = await resolveLivePipeline(hubspot, 'GovWin Pipeline');
    expect(p.pipelineId).toBe('real');
    expect(p.stageIds.trigger).toBe('s1');
    expect(p.stageIds.closedWon).toBe(`s${ALL.length}`);
  });

  it('points at setup-hubspot when the pipeline is missing', async () => {
    await expect(
      resolveLivePipeline({ listPipelines: async () => [] }, 'GovWin Pipeline')
    ).rejects.toThrow(
      new LiveSetupError(
        'HubSpot has no deal pipeline labelled "GovWin Pipeline": run `govwin-ace setup-hubspot` for this portal first'
      )
    );
  });

  it('lists every missing stage', async () => {
    const hubspot = {
      listPipelines: async () => [
        pipelineOf(
          'P',
          ALL.filter((l) => l !== 'Submit to AWS' && l !== 'Closed Won')
        ),
      ],
    };
    await expect(resolveLivePipeline(hubspot, 'P')).rejects.toThrow(
      'pipeline "P" has no stage "Submit to AWS", "Closed Won": run `govwin-ace setup-hubspot` for this portal first'
    );
  });
});

describe('findTriggerDeals', () => {
  const deal = (id: string, cosell?: string) => ({
    id,
    properties: cosell ? { govwin_aws_cosell_id: cosell } : {},
  });
  const fakeSearch = (pages: SearchPage[]) => {
    const requests: SearchRequest[] = [];
    return {
      requests,
      searchDeals: async (req: SearchRequest) => {
        requests.push(req);
        return pages[requests.length - 1] as SearchPage;
      },
    };
  };

  it('searches the pipeline and trigger stage, page by page, and notes deals naming an AWS opportunity', async () => {
    const hubspot = fakeSearch([
      { total: 3, results: [deal('5'), deal('6', 'O123')], after: 'c1' },
      { total: 3, results: [deal('7')] },
    ]);
    const deals = await findTriggerDeals(hubspot, PIPELINE);
    expect(deals).toEqual([
      { id: '5', hasAwsId: false },
      { id: '6', hasAwsId: true },
      { id: '7', hasAwsId: false },
    ]);
    expect(hubspot.requests[0]?.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'pipeline', operator: 'EQ', value: '777' },
          { propertyName: 'dealstage', operator: 'EQ', value: '1001' },
        ],
      },
    ]);
    expect(hubspot.requests[0]?.after).toBeUndefined();
    expect(hubspot.requests[1]?.after).toBe('c1');
  });

  it('skips ids that are not HubSpot ids and duplicates across pages', async () => {
    const hubspot = fakeSearch([
      { total: 3, results: [deal('5'), deal('../x')], after: 'c1' },
      { total: 3, results: [deal('5')] },
    ]);
    expect(await findTriggerDeals(hubspot, PIPELINE)).toEqual([{ id: '5', hasAwsId: false }]);
  });

  it('refuses more deals than one live run submits', async () => {
    const hubspot = fakeSearch([{ total: 3, results: [deal('1')] }]);
    await expect(findTriggerDeals(hubspot, PIPELINE, 2)).rejects.toThrow(
      '3 deals are in the trigger stage, more than one --live run submits (2); use a deployed stack'
    );
  });
});

describe('planSubmissions', () => {
  const row = (dealId: string, extra: Partial<AceSubmission>): AceSubmission => ({
    dealId,
    clientTokens: {},
    steps: {},
    parkedEdits: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  });
  const repoOf = (rows: AceSubmission[]) => ({
    get: async (id: string | number) => rows.find((r) => r.dealId === String(id)),
    listAll: async function* () {
      yield* rows;
    },
  });

  it('classifies trigger-stage deals by their local row and adds unfinished submissions elsewhere', async () => {
    const repo = repoOf([
      row('2', { clientTokens: { create: 't' } }),
      row('3', { steps: { created: 'x' }, aceOpportunityId: 'O3' }),
      row('4', { steps: { created: 'x', writtenBack: 'y' }, aceOpportunityId: 'O4' }),
      row('8', { steps: { created: 'x' }, aceOpportunityId: 'O8' }),
      row('9', { steps: { created: 'x', writtenBack: 'y' }, aceOpportunityId: 'O9' }),
      row('10', { clientTokens: { create: 't' } }),
    ]);
    const deals = ['1', '2', '3', '4'].map((id) => ({ id, hasAwsId: id === '1' }));
    expect(await planSubmissions(deals, repo)).toEqual([
      { dealId: '1', kind: 'new', inTriggerStage: true, hasAwsId: true },
      { dealId: '2', kind: 'resume', inTriggerStage: true, hasAwsId: false },
      { dealId: '3', kind: 'resume', inTriggerStage: true, hasAwsId: false },
      { dealId: '4', kind: 'done', inTriggerStage: true, hasAwsId: false },
      { dealId: '8', kind: 'resume', inTriggerStage: false, hasAwsId: true },
    ]);
  });
});
