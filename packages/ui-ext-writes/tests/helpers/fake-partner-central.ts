// An in-memory Partner Central for unit tests: opportunities and invitations, the handful of commands the
// card's writes send, LastModifiedDate conflicts, review locks, and every command recorded by name.
import {
  AcceptEngagementInvitationCommand,
  AssociateOpportunityCommand,
  DisassociateOpportunityCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  RejectEngagementInvitationCommand,
  UpdateOpportunityCommand,
} from '@aws-sdk/client-partnercentral-selling';

type Json = Record<string, unknown>;
const awsError = (name: string, extra: Json = {}) =>
  Object.assign(new Error(`${name}: simulated`), {
    name,
    $fault: 'client',
    $metadata: {},
    ...extra,
  });

export interface FakePartnerCentral {
  opportunities: Map<string, Json>;
  invitations: Map<string, Json>;
  calls: { name: string; input: Json }[];
  /** Every command the fake received, including refused ones, by class name. */
  names: () => string[];
  failNext: (name: string, error: Error) => void;
  send: (command: unknown) => Promise<unknown>;
}

export const anOpportunity = (id: string, dealId: string, over: Json = {}): Json => ({
  Id: id,
  Catalog: 'Sandbox',
  PartnerOpportunityIdentifier: dealId,
  LastModifiedDate: new Date('2026-01-01T00:00:00Z'),
  OpportunityType: 'Net New Business',
  PrimaryNeedsFromAws: ['Co-Sell - Deal Support'],
  Customer: {
    Account: {
      CompanyName: 'Department of Examples',
      Industry: 'Government',
      WebsiteUrl: 'https://dept.example.gov',
      Address: { CountryCode: 'US', StateOrRegion: 'Virginia' },
    },
  },
  Project: {
    Title: 'Cloud migration',
    CustomerBusinessProblem: 'The agency must retire its on-premises data centre by 2027.',
    DeliveryModels: ['Professional Services'],
    ExpectedCustomerSpend: [
      { Amount: '1000.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ],
  },
  LifeCycle: { Stage: 'Qualified', ReviewStatus: 'Approved', TargetCloseDate: '2030-06-30' },
  Marketing: { Source: 'None' },
  RelatedEntityIdentifiers: { Solutions: ['S-100'], AwsProducts: ['AmazonEC2'] },
  ...over,
});

export const makeFakePartnerCentral = (): FakePartnerCentral => {
  const opportunities = new Map<string, Json>();
  const invitations = new Map<string, Json>();
  const calls: FakePartnerCentral['calls'] = [];
  const failures = new Map<string, Error[]>();
  const opp = (id: unknown) => {
    const o = opportunities.get(String(id));
    if (!o) throw awsError('ResourceNotFoundException');
    return o;
  };
  const locked = (o: Json) =>
    ['Submitted', 'In review'].includes(String((o.LifeCycle as Json)?.ReviewStatus ?? ''));
  const bump = (o: Json) => {
    o.LastModifiedDate = new Date((o.LastModifiedDate as Date).getTime() + 1000);
  };

  const handle = (command: unknown): unknown => {
    const input = (command as { input: Json }).input;
    if (command instanceof GetOpportunityCommand) return structuredClone(opp(input.Identifier));
    if (command instanceof UpdateOpportunityCommand) {
      const o = opp(input.Identifier);
      if (locked(o))
        throw awsError('ValidationException', {
          ErrorList: [{ FieldName: 'LifeCycle.ReviewStatus', Code: 'ACTION_NOT_PERMITTED' }],
        });
      if ((input.LastModifiedDate as Date).getTime() !== (o.LastModifiedDate as Date).getTime())
        throw awsError('ConflictException');
      const { Catalog: _c, Identifier: _i, LastModifiedDate: _l, ...body } = input;
      for (const key of [
        'Customer',
        'Project',
        'LifeCycle',
        'Marketing',
        'OpportunityType',
        'NationalSecurity',
        'PrimaryNeedsFromAws',
      ])
        if (key in body) o[key] = structuredClone(body[key]);
        else delete o[key];
      bump(o);
      return { Id: o.Id, LastModifiedDate: o.LastModifiedDate };
    }
    if (
      command instanceof AssociateOpportunityCommand ||
      command instanceof DisassociateOpportunityCommand
    ) {
      const o = opp(input.OpportunityIdentifier);
      const related = o.RelatedEntityIdentifiers as Record<string, string[]>;
      const type = String(input.RelatedEntityType);
      const list = related[type] ?? [];
      const id = String(input.RelatedEntityIdentifier);
      related[type] =
        command instanceof AssociateOpportunityCommand
          ? [...list, id]
          : list.filter((x) => x !== id);
      bump(o);
      return {};
    }
    if (command instanceof GetEngagementInvitationCommand) {
      const inv = invitations.get(String(input.Identifier));
      if (!inv) throw awsError('ResourceNotFoundException');
      return structuredClone(inv);
    }
    if (
      command instanceof AcceptEngagementInvitationCommand ||
      command instanceof RejectEngagementInvitationCommand
    ) {
      const inv = invitations.get(String(input.Identifier));
      if (!inv) throw awsError('ResourceNotFoundException');
      if (inv.Status !== 'PENDING') throw awsError('ConflictException');
      inv.Status = command instanceof AcceptEngagementInvitationCommand ? 'ACCEPTED' : 'REJECTED';
      return {};
    }
    throw awsError('UnknownOperationException');
  };

  return {
    opportunities,
    invitations,
    calls,
    names: () => calls.map((c) => c.name),
    failNext: (name, error) => failures.set(name, [...(failures.get(name) ?? []), error]),
    send: async (command) => {
      const name = (command as object).constructor.name.replace(/Command$/, '');
      calls.push({ name, input: structuredClone((command as { input: Json }).input) });
      const queued = failures.get(name)?.shift();
      if (queued) throw queued;
      return handle(command);
    },
  };
};

export { awsError };
