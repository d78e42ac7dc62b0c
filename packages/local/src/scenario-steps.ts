import { DEAL_PROP } from '@govwin-ace/shared-core';
import { cardFetch } from './card-client';
import type { ScenarioStep } from './scenario';

/** What a rep fills in on the card's submit form (fictional). */
const SUBMIT_FORM = {
  [DEAL_PROP.partnerNeed]: ['Co-Sell - Technical Consultation'],
  [DEAL_PROP.deliveryModel]: ['SaaS or PaaS'],
  [DEAL_PROP.opportunityType]: 'Net New Business',
  [DEAL_PROP.salesActivities]: ['Initialized discussions with customer'],
  [DEAL_PROP.useCase]: 'Migration / Database Migration',
  [DEAL_PROP.lifecycleStage]: 'Qualified',
};

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const oneLine = (value: unknown): string => JSON.stringify(value).slice(0, 300);

/** Deals in the HubSpot simulator that carry a GovWin opportunity id. */
const govwinDeals = (stack: Parameters<ScenarioStep['run']>[0]) =>
  stack.hubspot.listObjects('deals').filter((d) => Boolean(d.properties.govwin_opp_id));

/** The end-to-end story the main command tells, in order. */
export const SCENARIO_STEPS: readonly ScenarioStep[] = [
  {
    name: 'GovWin -> HubSpot sync (scheduled orchestrator, SQS worker)',
    requires: ['govwin-poller-orchestrator', 'govwin-poller-worker'],
    run: async (stack, state) => {
      await stack.runScheduled('govwin-poller-orchestrator');
      await stack.settle();
      const deals = govwinDeals(stack);
      if (deals.length === 0) throw new Error('no GovWin opportunity reached HubSpot');
      state.syncedDealIds = deals.map((d) => d.id);
      const companies = stack.hubspot.listObjects('companies').length;
      const contacts = stack.hubspot.listObjects('contacts').length;
      return `${deals.length} deals, ${companies} agencies, ${contacts} contacts upserted`;
    },
  },
  {
    name: 'second sync skips unchanged opportunities',
    requires: ['govwin-poller-orchestrator', 'govwin-poller-worker'],
    run: async (stack, state) => {
      const before = stack.hubspot.inspect().totalCalls;
      await stack.runScheduled('govwin-poller-orchestrator');
      await stack.settle();
      const hubspotCalls = stack.hubspot.inspect().totalCalls - before;
      if (govwinDeals(stack).length !== state.syncedDealIds.length)
        throw new Error('the second sync changed the deal count');
      return `${hubspotCalls} HubSpot calls for ${state.syncedDealIds.length} unchanged opportunities`;
    },
  },
  {
    name: 'a rep submits a deal from the card (signed POST /ui-extension/submit)',
    requires: ['ui-ext-writes-writes'],
    run: async (stack, state) => {
      const dealId = state.syncedDealIds[0];
      if (!dealId) throw new Error('no synced deal to submit');
      // The rep completes what GovWin does not carry: the agency's website (AWS matches customers by it).
      const assoc = await fetch(
        `${stack.hubspot.url}/crm/v4/objects/deals/${dealId}/associations/companies`,
        {
          headers: { authorization: `Bearer ${stack.hubspot.accessToken}` },
        }
      );
      const companies =
        ((await assoc.json()) as { results?: { toObjectId: number | string }[] }).results ?? [];
      for (const c of companies) {
        stack.hubspot.userEdit({
          objectType: 'companies',
          objectId: String(c.toObjectId),
          properties: {
            website: 'https://imaginary-agency.example.test',
            country: 'United States',
          },
        });
      }
      const solution = stack.partnerCentral.inspect().catalogs[stack.infra.catalog].solutions[0] as
        | { Id?: string }
        | undefined;
      const res = await cardFetch(stack, 'POST', '/submit', {
        body: {
          dealId,
          properties: {
            ...SUBMIT_FORM,
            [DEAL_PROP.closeDate]: inDays(90),
            [DEAL_PROP.amount]: 250000,
            ...(solution?.Id ? { [DEAL_PROP.solutionId]: solution.Id } : {}),
          },
        },
      });
      if (res.status >= 300) throw new Error(`submit answered ${res.status}: ${oneLine(res.json)}`);
      state.submittedDealIds.push(dealId);
      const stage = stack.hubspot.getObject('deals', dealId)?.properties.dealstage;
      return `deal ${dealId} validated and moved to the trigger stage (${stage === stack.infra.pipeline.stageIds.trigger ? 'yes' : 'no'})`;
    },
  },
  {
    name: 'HubSpot signs the dealstage webhook -> receiver -> submit queue -> Partner Central',
    requires: ['hubspot-webhook-receiver-receiver', 'ace-submitter-submit'],
    run: async (stack, state) => {
      await stack.settle();
      const dealId = state.submittedDealIds[0];
      const opportunities = stack.partnerCentral.inspect().catalogs[stack.infra.catalog]
        .opportunities as {
        Id?: string;
        PartnerOpportunityIdentifier?: string;
      }[];
      const mine = opportunities.filter((o) => o.PartnerOpportunityIdentifier === dealId);
      if (mine.length !== 1)
        throw new Error(`expected one AWS opportunity for deal ${dealId}, found ${mine.length}`);
      const tasks =
        stack.partnerCentral.inspect().catalogs[stack.infra.catalog].engagementTasks
          .fromOpportunity;
      const cosellId = dealId
        ? stack.hubspot.getObject('deals', dealId)?.properties[DEAL_PROP.cosellId]
        : undefined;
      if (cosellId !== mine[0]?.Id)
        throw new Error('the AWS opportunity id was not written back to the deal');
      return `AWS opportunity ${mine[0]?.Id} created, ${tasks.length} engagement task(s) started, id written back`;
    },
  },
  {
    name: 'simulated AWS review -> EventBridge -> events Lambda -> deal status in HubSpot',
    requires: ['ace-submitter-events'],
    run: async (stack, state) => {
      const dealId = state.submittedDealIds[0];
      if (!dealId) throw new Error('nothing was submitted');
      const seen: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        // Let the engagement task finish on the simulator's clock, then apply the next review step.
        stack.partnerCentral.advance(5_000);
        stack.partnerCentral.advanceReview({ catalog: stack.infra.catalog });
        await stack.settle();
        const status = stack.hubspot.getObject('deals', dealId)?.properties[DEAL_PROP.cosellStatus];
        if (status && seen.at(-1) !== status) seen.push(status);
        if (status === 'Approved') break;
      }
      if (seen.length === 0) throw new Error('no AWS status reached the deal');
      state.mirroredStatuses = seen.length;
      return `deal status followed AWS: ${seen.join(' -> ')}`;
    },
  },
  {
    name: 'the card loads its backend configuration (signed GET /ui-extension/config)',
    requires: ['ui-ext-reads-reads'],
    run: async (stack) => {
      const res = await cardFetch(stack, 'GET', '/config');
      if (res.status !== 200)
        throw new Error(`config answered ${res.status}: ${oneLine(res.json)}`);
      const config = res.json as { catalog?: string; triggerStageId?: string };
      if (config.catalog !== stack.infra.catalog)
        throw new Error('the card config names another catalog');
      return `catalog ${config.catalog}, stages and form enums served by the backend`;
    },
  },
  {
    name: 'an AWS referral becomes a deal; the rep accepts it on the card and AWS creates its opportunity',
    requires: ['ace-submitter-events', 'ui-ext-writes-writes', 'ace-submitter-submit'],
    run: async (stack) => {
      const invitationId = stack.partnerCentral.createInvitation({
        catalog: stack.infra.catalog,
        title: 'Imaginary Records Modernisation',
        companyName: 'Department of Imaginary Affairs',
        industry: 'Government',
        websiteUrl: 'https://imaginary-affairs.example.test',
        countryCode: 'US',
        businessProblem:
          'A fictional agency needs to move its records archive to the cloud within a year.',
        targetCompletionDate: inDays(120),
      });
      await stack.settle();
      const deal = stack.hubspot
        .listObjects('deals')
        .find((d) => d.properties[DEAL_PROP.invitationId] === invitationId);
      if (!deal) throw new Error(`no referral deal for invitation ${invitationId}`);
      if (deal.properties.dealstage !== stack.infra.pipeline.stageIds.referral) {
        throw new Error('the referral deal is not in the referral stage');
      }
      // The rep accepts on the card: the writes route queues it; ace-submitter starts the accept task.
      const res = await cardFetch(stack, 'POST', '/referral/accept', {
        body: { dealId: deal.id, invitationId },
      });
      if (res.status !== 202)
        throw new Error(`accept answered ${res.status}: ${oneLine(res.json)}`);
      const cosellId = () =>
        stack.hubspot.getObject('deals', deal.id)?.properties[DEAL_PROP.cosellId] ?? '';
      for (let i = 0; i < 8 && !cosellId(); i += 1) {
        await stack.settle();
        if (!cosellId()) stack.partnerCentral.advance(5_000); // let the AWS accept task finish
      }
      const pc = stack.partnerCentral.inspect().catalogs[stack.infra.catalog];
      const tasks = pc.engagementTasks.byAcceptingInvitation.filter(
        (t) => t.EngagementInvitationId === invitationId
      );
      const boundTo = stack.hubspot
        .listObjects('deals')
        .filter((d) => d.properties[DEAL_PROP.cosellId] === tasks[0]?.OpportunityId);
      if (tasks.length !== 1 || !tasks[0]?.OpportunityId)
        throw new Error(`expected one completed accept task, found ${tasks.length}`);
      if (cosellId() !== tasks[0].OpportunityId || boundTo.length !== 1)
        throw new Error('the referral deal is not bound to exactly the opportunity AWS created');
      return `invitation ${invitationId} -> deal ${deal.id}; accepted on the card -> AWS opportunity ${cosellId()}`;
    },
  },
  {
    name: 'scheduled reconcile finds nothing to repair',
    requires: ['ace-submitter-reconcile'],
    run: async (stack) => {
      const result = await stack.runScheduled('ace-submitter-reconcile');
      await stack.settle();
      return oneLine(result).slice(0, 160);
    },
  },
];
