// Starts the Partner Central simulator on a frozen simulated clock (it moves only through
// sim.advance) and a real SDK client pointed at it through the project's client factory, with the
// SDK's own retries off so throttles and faults surface as they happen.
import type {
  CreateOpportunityCommandInput,
  PartnerCentralSellingClient,
} from '@aws-sdk/client-partnercentral-selling';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { makeSimClock } from '../../../../src/simulators/common/sim-clock';
import {
  type PartnerCentralEvent,
  type PartnerCentralSimulator,
  type PartnerCentralSimulatorOptions,
  startPartnerCentralSimulator,
} from '../../../../src/simulators/partner-central/index';

export const START = Date.parse('2026-03-02T09:00:00Z');

export interface Harness {
  sim: PartnerCentralSimulator;
  pc: PartnerCentralSellingClient;
  events: PartnerCentralEvent[];
  close(): Promise<void>;
}

/** Quotas high enough that tests about other behaviour are never throttled. */
export const NO_QUOTAS = {
  quotas: { writesPerSecond: 1e6, readsPerSecond: 1e6, writesPerDay: 1e9, readsPerDay: 1e9 },
} as const;

export const startHarness = async (
  options: PartnerCentralSimulatorOptions = {}
): Promise<Harness> => {
  const sim = await startPartnerCentralSimulator({
    clock: makeSimClock({ now: () => START }),
    autoTickMs: 0,
    ...options,
  });
  const pc = makeAwsClients({
    endpoints: { partnercentral: sim.endpoint },
    credentials: { accessKeyId: 'AKIDSIMTEST', secretAccessKey: 'sim-test-secret' },
    maxAttempts: 1,
  }).partnerCentral();
  const events: PartnerCentralEvent[] = [];
  sim.onEvent((e) => {
    events.push(e);
  });
  return {
    sim,
    pc,
    events,
    close: async () => {
      pc.destroy();
      await sim.stop();
    },
  };
};

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<Record<string, unknown>> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err as Record<string, unknown>
  );

let tokens = 0;

/** A complete, submittable opportunity (fictional data) with a fresh ClientToken. */
export const anOpportunity = (
  overrides: Partial<CreateOpportunityCommandInput> = {}
): CreateOpportunityCommandInput => ({
  Catalog: 'Sandbox',
  ClientToken: `token-${++tokens}`,
  PartnerOpportunityIdentifier: 'hubspot-deal-1001',
  OpportunityType: 'Net New Business',
  PrimaryNeedsFromAws: ['Co-Sell - Technical Consultation'],
  NationalSecurity: 'No',
  Customer: {
    Account: {
      CompanyName: 'Example County Records Office',
      Industry: 'Government',
      WebsiteUrl: 'https://records.example.gov',
      Address: { City: 'Springfield', CountryCode: 'US', StateOrRegion: 'Illinois' },
    },
    Contacts: [{ Email: 'pat.example@example.gov', FirstName: 'Pat', LastName: 'Example' }],
  },
  Project: {
    Title: 'Records digitisation',
    CustomerBusinessProblem: 'Paper archives slow every records request down by several weeks.',
    DeliveryModels: ['Professional Services'],
    ExpectedCustomerSpend: [
      { Amount: '2500.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ],
    SalesActivities: ['Initialized discussions with customer'],
  },
  LifeCycle: { Stage: 'Qualified', TargetCloseDate: '2026-09-30', NextSteps: 'Scope workshop' },
  ...overrides,
});
