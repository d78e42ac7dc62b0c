import type { Progress } from './progress';
import type { LocalStack } from './runtime/stack';

/** What the scenario observed, printed as the summary table. */
export interface ScenarioSummary {
  opportunitiesInGovWin: number;
  opportunitiesSynced: number;
  dealsSubmitted: number;
  awsOpportunities: number;
  awsStatusesMirrored: number;
  alertsRaised: number;
  dlqDepth: number;
  externalCalls: { govwin: number; hubspot: number; partnerCentral: number };
  steps: { name: string; status: 'ok' | 'failed' | 'skipped'; detail: string }[];
}

/** One step of the end-to-end story. */
export interface ScenarioStep {
  name: string;
  /** Lambdas the step needs; when one is missing the step is listed as not yet available. */
  requires: readonly string[];
  run: (stack: LocalStack, state: ScenarioState) => Promise<string>;
}

/** Facts the steps hand to each other. */
export interface ScenarioState {
  syncedDealIds: string[];
  submittedDealIds: string[];
  mirroredStatuses: number;
}

const dlqDepth = (stack: LocalStack): number =>
  Object.entries(stack.queueDepths())
    .filter(([name]) => name.endsWith('-dlq'))
    .reduce((sum, [, d]) => sum + d.total, 0);

/** Runs the steps in order; a failed step stops the ones that depend on its output. */
export const runScenario = async (
  stack: LocalStack,
  steps: readonly ScenarioStep[],
  progress: Progress
): Promise<ScenarioSummary> => {
  const state: ScenarioState = { syncedDealIds: [], submittedDealIds: [], mirroredStatuses: 0 };
  const results: ScenarioSummary['steps'] = [];
  let failed = false;
  for (const step of steps) {
    progress.start(step.name);
    const missing = step.requires.filter((name) => !stack.lambdas.has(name));
    if (missing.length > 0) {
      const detail = `not yet available (no handler: ${missing.join(', ')})`;
      progress.done('skipped', detail);
      results.push({ name: step.name, status: 'skipped', detail });
      continue;
    }
    if (failed) {
      progress.done('skipped', 'an earlier step failed');
      results.push({ name: step.name, status: 'skipped', detail: 'an earlier step failed' });
      continue;
    }
    try {
      const detail = await step.run(stack, state);
      progress.done('ok', detail);
      results.push({ name: step.name, status: 'ok', detail });
    } catch (err) {
      failed = true;
      const detail = err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : 'failed';
      progress.done('failed', detail);
      results.push({ name: step.name, status: 'failed', detail });
    }
  }
  const pc = stack.partnerCentral.inspect();
  return {
    opportunitiesInGovWin: stack.govwin.inspect().opportunities,
    opportunitiesSynced: state.syncedDealIds.length,
    dealsSubmitted: state.submittedDealIds.length,
    awsOpportunities: pc.catalogs[stack.infra.catalog].opportunities.length,
    awsStatusesMirrored: state.mirroredStatuses,
    alertsRaised: stack.aws.published.length,
    dlqDepth: dlqDepth(stack),
    externalCalls: {
      govwin: stack.govwin.inspect().totalCalls,
      hubspot: stack.hubspot.inspect().totalCalls,
      partnerCentral: pc.counters.callsTotal,
    },
    steps: results,
  };
};
