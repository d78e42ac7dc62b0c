import type { ScenarioStep } from './scenario';

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
];
