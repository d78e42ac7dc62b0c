// The writes Lambda never creates an opportunity or starts an engagement (DESIGN §5), whatever it is asked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AcceptEngagementInvitationCommand,
  CreateOpportunityCommand,
  ListSolutionsCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  SubmitOpportunityCommand,
  UpdateOpportunityCommand,
} from '@aws-sdk/client-partnercentral-selling';
import { makeAceClient } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { ForbiddenAceOperationError } from '../../src/errors';
import { guardPartnerCentral } from '../../src/guarded-partner-central';
import { WRITE_ROUTES } from '../../src/routes';
import {
  aSubmitForm,
  bodyOf,
  seedReadyDeal,
  seedSubmittedDeal,
  signCard,
  writesApp,
} from '../helpers/writes-app';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  );

describe('ui-ext-writes refuses CreateOpportunity and StartEngagement', () => {
  it.each([
    ['CreateOpportunity', new CreateOpportunityCommand({ Catalog: 'Sandbox', ClientToken: 't' })],
    [
      'StartEngagementFromOpportunityTask',
      new StartEngagementFromOpportunityTaskCommand({
        Catalog: 'Sandbox',
        ClientToken: 't',
        Identifier: 'O1',
        AwsSubmission: { InvolvementType: 'Co-Sell' },
      }),
    ],
    [
      'StartEngagementByAcceptingInvitationTask',
      new StartEngagementByAcceptingInvitationTaskCommand({
        Catalog: 'Sandbox',
        ClientToken: 't',
        Identifier: 'engi-0000000000abc',
      }),
    ],
    [
      'SubmitOpportunity',
      new SubmitOpportunityCommand({
        Catalog: 'Sandbox',
        Identifier: 'O1',
        InvolvementType: 'Co-Sell',
      }),
    ],
    ['ListSolutions', new ListSolutionsCommand({ Catalog: 'Sandbox' })],
    // Accepting is ace-submitter's StartEngagementByAcceptingInvitationTask (ADR 0007), not the card's.
    [
      'AcceptEngagementInvitation',
      new AcceptEngagementInvitationCommand({
        Catalog: 'Sandbox',
        Identifier: 'engi-0000000000abc',
      }),
    ],
  ])('the guarded client refuses %s without sending it', async (name, command) => {
    // Arrange
    const send = jest.fn(async () => ({}));
    const guarded = guardPartnerCentral({ send } as never);
    // Act & Assert
    await expect(guarded.send(command as never)).rejects.toBeInstanceOf(ForbiddenAceOperationError);
    await expect(guarded.send(command as never)).rejects.toThrow(name);
    expect(send).not.toHaveBeenCalled();
  });

  it('the guarded client passes an allowed command through', async () => {
    const send = jest.fn(async () => ({ Id: 'O1' }));
    const guarded = guardPartnerCentral({ send } as never);
    await expect(
      guarded.send(
        new UpdateOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: 'O1',
          LastModifiedDate: new Date(),
        }) as never
      )
    ).resolves.toEqual({ Id: 'O1' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('the shared ACE client wired over the guard cannot create, even when a caller asks it to', async () => {
    const send = jest.fn(async () => ({ Id: 'O1' }));
    const ace = makeAceClient({
      client: guardPartnerCentral({ send } as never),
      catalog: 'Sandbox',
      gates: { read: async () => undefined, write: async () => undefined },
      retry: { maxAttempts: 3 },
    });
    await expect(ace.createOpportunity({}, 'token-1')).rejects.toThrow(/CreateOpportunity/);
    await expect(
      ace.startEngagementFromOpportunityTask('O1', 'token-2', { InvolvementType: 'Co-Sell' })
    ).rejects.toThrow(/StartEngagementFromOpportunityTask/);
    expect(send).not.toHaveBeenCalled();
  });

  it('has no route that could create or start an engagement', () => {
    expect(
      Object.values(WRITE_ROUTES)
        .map((r) => r.path)
        .sort()
    ).toEqual(['/associations', '/referral/accept', '/referral/reject', '/submit', '/update']);
  });

  it.each(['/create', '/opportunity', '/start-engagement', '/referral/start', '/submit/../create'])(
    'answers 404 for the crafted path %s and calls nothing',
    async (path) => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(signCard(path, { dealId: '42', properties: aSubmitForm() }));
      expect(res.statusCode).toBe(404);
      expect(app.pc.calls).toEqual([]);
      expect(app.deals.writes).toEqual([]);
    }
  );

  it.each([
    { action: 'CreateOpportunity' },
    { operation: 'StartEngagementFromOpportunityTask' },
    { ClientToken: 'abc', Origin: 'Partner Referral' },
  ])(
    'refuses a crafted body %p with 422 naming the unknown key, and calls nothing',
    async (extra) => {
      const app = writesApp();
      seedSubmittedDeal(app);
      const res = await app.handler(
        signCard('/update', { dealId: '42', properties: { govwin_ace_next_steps: 'x' }, ...extra })
      );
      expect(res.statusCode).toBe(422);
      expect(Object.keys(bodyOf(res).fields as object).sort()).toEqual(Object.keys(extra).sort());
      expect(app.pc.calls).toEqual([]);
    }
  );

  it('a submit never reaches Partner Central at all', async () => {
    const app = writesApp();
    seedReadyDeal(app);
    const res = await app.handler(signCard('/submit', { dealId: '42', properties: aSubmitForm() }));
    expect(res.statusCode).toBe(202);
    expect(app.pc.calls).toEqual([]);
  });

  it('no source file imports a create, start-engagement or accept-invitation command', () => {
    const offenders = sources(SRC).filter((file) =>
      /CreateOpportunityCommand|StartEngagement\w*Command|SubmitOpportunityCommand|AcceptEngagementInvitationCommand/.test(
        readFileSync(file, 'utf8')
      )
    );
    expect(offenders).toEqual([]);
  });
});
