// Fictional deals for the submitter's tests. CANARY values must never reach logs, alerts, the audit log
// or any HubSpot write-back.
import type { DealProperties } from '../../src/ports';
import type { FakeDealStore } from './fake-deal-store';
import { SUBMIT_STAGE } from './messages';

export const CANARY = {
  company: 'Canary Widgets Agency QX47',
  website: 'https://canary-qx47.example.gov',
  contactEmail: 'canary.person.qx47@example.gov',
  contactFirst: 'Quinta',
  contactLast: 'Canarywood',
  phone: '+12025550147',
  title: 'Records Canary QX47 Modernisation',
  problem: 'The canary QX47 agency must digitise and search two million paper case files.',
} as const;

/** Seeds a complete, submittable deal (with company and contact) and returns its id. */
export const seedDeal = (
  store: FakeDealStore,
  dealId: string,
  overrides: DealProperties = {}
): string => {
  store.deals.set(dealId, {
    dealname: CANARY.title,
    amount: '120000',
    closedate: '2027-06-30T00:00:00.000Z',
    description: CANARY.problem,
    dealstage: SUBMIT_STAGE,
    govwin_opp_id: `OPP${dealId}`,
    govwin_industry: 'Government',
    govwin_ace_partner_need: 'Architectural Validation;Deal Support',
    govwin_ace_delivery_model: 'Professional Services',
    govwin_ace_use_case: 'Migration / Database Migration',
    govwin_ace_aws_products: 'AmazonS3;AmazonTextract',
    hubspot_owner_id: '77',
    ...overrides,
  });
  store.companies.set(dealId, {
    name: CANARY.company,
    website: CANARY.website,
    country: 'US',
    state: 'VA',
    city: 'Arlington',
    zip: '22201',
  });
  store.contacts.set(dealId, [
    {
      firstname: CANARY.contactFirst,
      lastname: CANARY.contactLast,
      email: CANARY.contactEmail,
      phone: CANARY.phone,
      jobtitle: 'Program Manager',
      lifecyclestage: 'opportunity',
    },
  ]);
  store.owners.set('77', {
    firstName: 'Olive',
    lastName: 'Owner',
    email: 'olive.owner@partner.example',
  });
  return dealId;
};

/** Every canary string, for "never appears" assertions. */
export const CANARY_VALUES: readonly string[] = [...Object.values(CANARY), 'qx47', 'QX47'];
