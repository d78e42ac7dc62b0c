// Before any fault: the operator set-up the stack does not do yet, and the inventory the run and its checks
// need (which GovWin records are discoverable or odd by design, the canary values, a solution to associate).
import { SUBSCRIBED_PROPERTIES } from '@govwin-ace/hubspot-webhook-receiver';
import { generateGovWinFixtures } from '../fixtures/index';
import type { LocalStack } from '../runtime/stack';
import { ensureAceDealProperties } from './ace-properties';
import type { SoakFlow } from './checks';
import { type CanarySet, makeCanarySet } from './leak-scan';

/** Lambdas each flow needs. */
export const FLOW_LAMBDAS: Readonly<Record<SoakFlow, readonly string[]>> = {
  sync: ['govwin-poller-orchestrator', 'govwin-poller-worker'],
  submit: ['ui-ext-writes-writes', 'hubspot-webhook-receiver-receiver', 'ace-submitter-submit'],
  update: ['ui-ext-writes-writes', 'hubspot-webhook-receiver-receiver', 'ace-submitter-update'],
  events: ['ace-submitter-events', 'ace-submitter-reconcile'],
  referrals: ['ace-submitter-events'],
};

/** Flows whose handlers do not exist, with the reason. */
export const flowsWithoutHandlers = (stack: LocalStack): Map<SoakFlow, string> => {
  const out = new Map<SoakFlow, string>();
  for (const [flow, lambdas] of Object.entries(FLOW_LAMBDAS) as [SoakFlow, string[]][]) {
    const missing = lambdas.filter((l) => !stack.lambdas.has(l));
    if (missing.length > 0) out.set(flow, `no handler: ${missing.join(', ')}`);
  }
  return out;
};

/** What the run knows about its inputs. */
export interface SoakInventory {
  /** GovWin ids marked for download (what the default discovery syncs), sorted. */
  discoverable: string[];
  /** GovWin id -> the deliberate oddity the fixture generator gave the record. */
  oddities: Map<string, string>;
  canaries: CanarySet;
  /** An active solution to associate, when the simulator has one. */
  solutionId: string | undefined;
  /** A close date a year ahead (YYYY-MM-DD). */
  closeDate: string;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Webhook subscriptions exactly as the HubSpot app's manifest lists them (the receiver's routed deal
 * properties; a repo test keeps the two equal) and the ACE deal properties setup-hubspot lacks.
 * Returns notes on what it changed.
 */
export const prepareOperatorSetup = async (stack: LocalStack): Promise<string[]> => {
  const notes: string[] = [];
  const manifest = SUBSCRIBED_PROPERTIES.map((propertyName, i) => ({
    id: 9000 + i,
    subscriptionType: 'deal.propertyChange',
    propertyName,
    active: true,
  }));
  const current = stack.hubspot
    .webhookSettings()
    .subscriptions.filter((x) => x.active)
    .map((x) => `${x.subscriptionType}:${x.propertyName ?? ''}`)
    .sort();
  const wanted = manifest.map((x) => `${x.subscriptionType}:${x.propertyName}`).sort();
  if (current.join() !== wanted.join()) {
    stack.hubspot.configureWebhooks({ subscriptions: manifest });
    notes.push(
      `webhook subscriptions set to the app manifest's ${manifest.length} deal properties (the stack had ${current.length})`
    );
  }
  const standIns = await ensureAceDealProperties(stack);
  if (standIns.length > 0)
    notes.push(
      `setup-hubspot does not create ${standIns.length} ACE deal properties; the soak created them as text (${standIns.slice(0, 3).join(', ')}, ...)`
    );
  return notes;
};

/**
 * Regenerates the simulator's GovWin fixtures from the same seed to learn each record's oddity and its
 * personal data, and collects the secrets; notes ids it cannot account for.
 */
export const takeInventory = (
  stack: LocalStack,
  options: { seed: number; opportunities: number },
  notes: string[]
): SoakInventory => {
  const fixtures = generateGovWinFixtures({ seed: options.seed, count: options.opportunities });
  const oddities = new Map<string, string>();
  const known = new Set<string>();
  const canaries = makeCanarySet();
  for (const r of fixtures.opportunities) {
    const id = String(r.opportunity.id);
    known.add(id);
    if (r.oddity) oddities.set(id, r.oddity);
    canaries.addFreeText(r.opportunity.title as string | undefined);
    canaries.addFreeText(r.opportunity.description as string | undefined);
    for (const c of r.subResources.contacts ?? []) {
      canaries.addEmail(c.email as string | undefined);
      canaries.addPhone(c.phone as string | undefined);
      canaries.addName(c.firstName as string | undefined, c.lastName as string | undefined);
      canaries.addFreeText(c.primaryContact as string | undefined);
    }
  }
  canaries.addSecret(stack.hubspot.clientSecret);
  canaries.addSecret(stack.hubspot.accessToken);
  canaries.addSecret(stack.govwin.credentials.clientSecret);
  canaries.addSecret(stack.govwin.credentials.password);
  const discoverable = [...(stack.govwin.inspect().marked['2.2'] ?? [])].sort();
  const unknown = discoverable.filter((id) => !known.has(id)).length;
  if (unknown > 0)
    notes.push(
      `${unknown} GovWin ids not in the regenerated fixtures (their oddities are unknown)`
    );
  const solutions = stack.partnerCentral.inspect().catalogs[stack.infra.catalog].solutions as {
    Id?: string;
    Status?: string;
  }[];
  return {
    discoverable,
    oddities,
    canaries,
    solutionId: solutions.find((x) => x.Status === 'Active')?.Id,
    closeDate: isoDate(stack.partnerCentral.clock.now() + 365 * 86_400_000),
  };
};

/** Adds the GovWin OAuth tokens the run issued (cached in the local token secret) to the canaries. */
export const addIssuedTokens = (stack: LocalStack, canaries: CanarySet): void => {
  try {
    const t = JSON.parse(stack.aws.getSecretValue('local-govwin-token') ?? '{}') as {
      access_token?: string;
      refresh_token?: string;
    };
    canaries.addSecret(t.access_token);
    canaries.addSecret(t.refresh_token);
  } catch {
    // no token cached
  }
};
