// Fictional deal data for the ACE mapping tests. CANARY values must never appear in logs or write-backs.
import type { CreateMappingInput } from '../../../src/ace/map-create';

export const TODAY = '2026-11-23';

export const CANARY = {
  company: 'Canary Widgets Agency ZX91',
  website: 'https://canary-zx91.example.gov',
  contactEmail: 'canary.person.zx91@example.gov',
  contactFirst: 'Zelda',
  contactLast: 'Canaryson',
  phone: '+12025550191',
  title: 'Records Modernisation Canary ZX91',
  problem: 'The agency canary ZX91 needs its paper records digitised and searchable.',
} as const;

export const aDeal = (overrides: Record<string, string | null> = {}): CreateMappingInput => ({
  deal: {
    id: '4242',
    properties: {
      dealname: CANARY.title,
      amount: '120000',
      closedate: '2027-03-31T00:00:00.000Z',
      description: CANARY.problem,
      govwin_opp_id: 'OPP123456',
      govwin_industry: 'Government',
      govwin_ace_partner_need: 'Architectural Validation;Competitive Intelligence',
      govwin_ace_delivery_model: 'SaaS or PaaS;Professional Services',
      govwin_ace_use_case: 'Migration / Database Migration',
      govwin_ace_aws_products: 'AmazonS3;AmazonTextract;Other',
      govwin_ace_solution_id: 'S-0000001',
      ...overrides,
    },
  },
  company: {
    name: CANARY.company,
    website: CANARY.website,
    country: 'United States',
    state: 'VA',
    city: 'Arlington',
    zip: '22201',
    address: '1 Example Plaza',
  },
  contacts: [
    {
      firstname: CANARY.contactFirst,
      lastname: CANARY.contactLast,
      email: CANARY.contactEmail,
      phone: '(202) 555-0191',
      jobtitle: 'Program Manager',
      lifecyclestage: 'opportunity',
    },
    {
      firstname: 'Aws',
      lastname: 'Person',
      email: 'pdm@amazon.com',
      hs_lead_status: 'HYPERSCALER_CONTACT',
    },
  ],
  owner: { firstName: 'Olive', lastName: 'Owner', email: 'olive.owner@partner.example' },
  today: TODAY,
});
