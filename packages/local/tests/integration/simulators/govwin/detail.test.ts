import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GOVWIN_ODDITIES } from '../../../../src/fixtures/govwin-fixtures';
import {
  type GovWinSimulator,
  startGovWinSimulator,
} from '../../../../src/simulators/govwin/govwin-simulator';
import { type ApiErrorBody, apiGet, getJson, type Listing, login } from './govwin-client';

describe('GovWin simulator opportunity detail and sub-resources', () => {
  let sim: GovWinSimulator;
  let documented: GovWinSimulator;
  let token: string;
  let ids: string[];
  beforeAll(async () => {
    sim = await startGovWinSimulator({ seed: 5, opportunityCount: 80 });
    documented = await startGovWinSimulator({
      seed: 5,
      opportunityCount: 80,
      collectionKeyStyle: 'documented',
    });
    token = (await login(sim)).access_token;
    const page = await getJson<Listing>(
      sim,
      '/opportunities?oppSelectionDateFrom=01/01/1900&max=100',
      token
    );
    ids = page.opportunities.map((o) => o.id);
  });
  afterAll(async () => {
    await sim.stop();
    await documented.stop();
  });
  beforeEach(async () => {
    sim.reset();
    token = (await login(sim)).access_token;
  });

  describe('by id', () => {
    it('returns one opportunity inside an opportunities array', async () => {
      // Act
      const body = await getJson<Listing>(sim, `/opportunities/${ids[0]}`, token);
      // Assert
      expect(body.opportunities).toHaveLength(1);
      expect(body.opportunities[0]?.id).toBe(ids[0]);
    });

    it('returns up to 10 comma-separated ids and refuses 11', async () => {
      // Act
      const ten = await getJson<Listing>(
        sim,
        `/opportunities/${ids.slice(0, 10).join(',')}`,
        token
      );
      const eleven = await apiGet(sim, `/opportunities/${ids.slice(0, 11).join(',')}`, token);
      // Assert
      expect(ten.opportunities.map((o) => o.id)).toEqual(ids.slice(0, 10));
      expect(eleven.status).toBe(422);
      expect(((await eleven.json()) as ApiErrorBody).errors[0]?.message).toBe(
        'Too many ids specified'
      );
    });

    it('answers 404 for an unknown id, 422 for a bad id and for a list with an unknown id', async () => {
      // Act
      const unknown = await apiGet(sim, '/opportunities/OPP1', token);
      const bad = await apiGet(sim, '/opportunities/opp-1', token);
      const mixed = await apiGet(sim, `/opportunities/${ids[0]},OPP1`, token);
      // Assert
      expect(unknown.status).toBe(404);
      expect(bad.status).toBe(422);
      expect(mixed.status).toBe(422);
      expect(((await mixed.json()) as ApiErrorBody).errors[0]?.message).toBe(
        'You do not have access to the following id(s): OPP1'
      );
    });
  });

  describe('marking', () => {
    it('setMark=2.2 adds the opportunity to the marked listing and clearMark removes it', async () => {
      // Arrange
      const id = ids.find((i) => !sim.inspect().marked['2.2']?.includes(i)) as string;
      // Act
      const set = await apiGet(sim, `/opportunities/${id}?setMark=2.2`, token);
      const afterSet = sim.inspect().marked['2.2']?.includes(id);
      const clear = await apiGet(sim, `/opportunities/${id}?clearMark=2.2`, token);
      const afterClear = sim.inspect().marked['2.2']?.includes(id);
      // Assert
      expect(set.status).toBe(200);
      expect(afterSet).toBe(true);
      expect(clear.status).toBe(200);
      expect(afterClear).toBe(false);
    });

    it('refuses two marking parameters in one request', async () => {
      // Act
      const res = await apiGet(sim, `/opportunities/${ids[0]}?setMark=2.2&clearMark=2.2`, token);
      // Assert
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiErrorBody).errors[0]?.message).toBe(
        'Invalid Marking Parameters'
      );
    });
  });

  describe('sub-resources', () => {
    it('serves contacts with paging under the lower-case key by default', async () => {
      // Act
      const body = await getJson<
        Record<string, unknown> & { meta: { paging: Record<string, unknown> } }
      >(sim, `/opportunities/${ids[0]}/contacts?max=100`, token);
      // Assert
      expect(Array.isArray(body.contacts)).toBe(true);
      expect(body.meta.paging).toMatchObject({
        max: 100,
        offset: 0,
        sort: 'modifiedDate',
        order: 'desc',
      });
    });

    it('serves the capitalised keys of the vendor guide when configured', async () => {
      // Arrange
      const docToken = (await login(documented)).access_token;
      // Act
      const contacts = await getJson<Record<string, unknown>>(
        documented,
        `/opportunities/${ids[0]}/contacts`,
        docToken
      );
      const contracts = await getJson<Record<string, unknown>>(
        documented,
        `/opportunities/${ids[0]}/contracts`,
        docToken
      );
      // Assert
      expect(Array.isArray(contacts.Contacts)).toBe(true);
      expect(Array.isArray(contracts.Contracts)).toBe(true);
    });

    it('serves FBO notices under documentLinks', async () => {
      // Arrange
      const fbo = ids.find((i) => i.startsWith('FBO')) as string;
      // Act
      const body = await getJson<Record<string, unknown[]>>(
        sim,
        `/opportunities/${fbo}/fboNotices`,
        token
      );
      // Assert
      expect(body.documentLinks?.length).toBe(1);
    });

    it.each([
      { name: 'an unknown sub-resource', path: 'widgets', status: 404 },
      { name: 'an invalid sort column', path: 'contacts?sort=email', status: 422 },
      { name: 'max above 100', path: 'contacts?max=500', status: 422 },
    ])('answers $status for $name', async ({ path, status }) => {
      // Act
      const res = await apiGet(sim, `/opportunities/${ids[0]}/${path}`, token);
      // Assert
      expect(res.status).toBe(status);
    });
  });

  describe('fixture realism', () => {
    it('includes deliberately odd records: missing title, unknown NAICS, missing agency, odd dates', async () => {
      // Act
      const all = await getJson<Listing>(
        sim,
        '/opportunities?oppSelectionDateFrom=01/01/1900&max=100',
        token
      );
      const byId = new Map(all.opportunities.map((o) => [o.id, o]));
      // Assert
      expect(GOVWIN_ODDITIES.length).toBe(8);
      const opps = [...byId.values()];
      expect(opps.some((o) => o.title === undefined)).toBe(true);
      expect(
        opps.some((o) => (o.primaryNAICS as { id?: string } | undefined)?.id === '999999')
      ).toBe(true);
      expect(opps.some((o) => o.govEntity === undefined)).toBe(true);
      expect(opps.some((o) => /^\d{2}\/\d{2}\/\d{4}$/.test(String(o.createdDate)))).toBe(true);
    });
  });

  describe('government entities', () => {
    it('lists fictional agencies and reads one by id with its parent hierarchy', async () => {
      // Act
      const list = await getJson<{ govEntities: Array<{ id: number; title: string }> }>(
        sim,
        '/govEntities?q=imaginary',
        token
      );
      const one = await getJson<{ govEntities: Array<{ parentHierarchy?: unknown[] }> }>(
        sim,
        '/govEntities/9101',
        token
      );
      // Assert
      expect(list.govEntities.map((e) => e.title)).toContain('Department of Imaginary Affairs');
      expect(one.govEntities[0]?.parentHierarchy).toEqual([
        { id: 9100, title: 'Department of Imaginary Affairs' },
      ]);
    });
  });
});
