import { describe, expect, it, jest } from '@jest/globals';
import { CardApiError, makeCardApi } from '../../src/app/cards/lib/card-api';
import { parseCardConfig } from '../../src/app/cards/lib/card-config';
import {
  initialForm,
  mapServerErrors,
  toSubmitProperties,
  validateForm,
} from '../../src/app/cards/lib/submit-form';
import { initialUpdateForm, toUpdateProperties } from '../../src/app/cards/lib/update-form';
import { CONFIG, DEALS, NOW } from '../helpers/card-fixtures';

describe('submit form model', () => {
  it('pre-fills from the deal and applies the documented defaults', () => {
    const form = initialForm(DEALS.ready, CONFIG, NOW);
    expect(form).toMatchObject({
      dealName: DEALS.ready.dealname,
      amount: '120000',
      closeDate: '2027-06-30',
      industry: 'Government',
      partnerNeed: ['Co-Sell - Deal Support'],
      opportunityType: 'Net New Business',
      salesActivities: ['Initialized discussions with customer'],
      deliveryModel: [],
    });
  });

  it('drops stored values the backend no longer offers and defaults the close date to +180 days', () => {
    const form = initialForm(
      { ...DEALS.ready, closedate: '', govwin_ace_delivery_model: 'SaaS or PaaS;Telepathy' },
      CONFIG,
      NOW
    );
    expect(form.deliveryModel).toEqual(['SaaS or PaaS']);
    expect(form.closeDate).toBe('2027-05-22');
  });

  it('reports each client-side problem on its field', () => {
    const form = {
      ...initialForm(DEALS.ready, CONFIG, NOW),
      description: 'too short',
      amount: '0',
      closeDate: '2020-01-01',
      partnerNeed: [],
      awsAccountId: '123',
      industry: 'Healthcare',
      nationalSecurity: 'Yes',
      competitorName: '*Other',
    };
    expect(Object.keys(validateForm(form, CONFIG, NOW)).sort()).toEqual([
      'amount',
      'awsAccountId',
      'closeDate',
      'deliveryModel',
      'description',
      'nationalSecurity',
      'otherCompetitorNames',
      'partnerNeed',
    ]);
  });

  it('sends HubSpot property names, leaves blanks out and the amount as a number', () => {
    const form = { ...initialForm(DEALS.ready, CONFIG, NOW), deliveryModel: ['SaaS or PaaS'] };
    const props = toSubmitProperties(form);
    expect(props).toMatchObject({
      dealname: DEALS.ready.dealname,
      amount: 120000,
      govwin_ace_delivery_model: ['SaaS or PaaS'],
      closedate: '2027-06-30',
    });
    expect(props).not.toHaveProperty('govwin_ace_aws_account_id');
  });

  it('maps server field errors back onto form fields', () => {
    expect(
      mapServerErrors({ govwin_ace_delivery_model: 'must be a list', company: 'needs a website' })
    ).toEqual({
      byField: { deliveryModel: 'must be a list' },
      general: ['company needs a website'],
    });
  });
});

describe('update form model', () => {
  it('sends only what changed, and the reason only with Closed Lost', () => {
    const initial = initialUpdateForm(DEALS.approved);
    const form = {
      ...initial,
      lifecycleStage: 'Closed Lost',
      closedLostReason: 'Price',
      nextSteps: 'x',
    };
    expect(toUpdateProperties(form, initial)).toEqual({
      govwin_ace_lifecycle_stage: 'Closed Lost',
      govwin_ace_closed_lost_reason: 'Price',
      govwin_ace_next_steps: 'x',
    });
  });
});

describe('parseCardConfig', () => {
  it('accepts a version-1 config and refuses anything else', () => {
    expect(parseCardConfig(CONFIG)).toBe(CONFIG);
    expect(parseCardConfig({ ...CONFIG, version: 2 })).toBeUndefined();
    expect(parseCardConfig({ ...CONFIG, catalog: 'Prod' })).toBeUndefined();
    expect(
      parseCardConfig({ ...CONFIG, enums: { ...CONFIG.enums, deliveryModel: 'x' } })
    ).toBeUndefined();
  });
});

describe('makeCardApi', () => {
  const response = (status: number, body: unknown) => ({
    ok: status < 400,
    status,
    json: async () => body,
  });

  it('calls the configured base URL with hubspot.fetch options and returns the body', async () => {
    const fetch = jest.fn(async (_url: string, _o?: unknown) =>
      response(202, { status: 'queued' })
    );
    const api = makeCardApi({ fetch, baseUrl: 'https://api.example.com/ui-extension/' });
    await expect(api.submit('42', { amount: 1 })).resolves.toEqual({ status: 'queued' });
    expect(fetch).toHaveBeenCalledWith('https://api.example.com/ui-extension/submit', {
      method: 'POST',
      timeout: 14_000,
      body: { dealId: '42', properties: { amount: 1 } },
    });
  });

  it('turns an error answer into a CardApiError with the fields and the correlation id', async () => {
    const fetch = async () =>
      response(422, {
        error: 'VALIDATION_FAILED',
        message: 'request has invalid fields',
        fields: { amount: 'must be a number' },
        correlationId: 'c-1',
      });
    const api = makeCardApi({ fetch, baseUrl: 'https://api.example.com/ui-extension' });
    const err = await api.update('42', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardApiError);
    expect(err).toMatchObject({
      status: 422,
      fields: { amount: 'must be a number' },
      correlationId: 'c-1',
    });
  });

  it('reports a timeout as NETWORK and an unknown config version as CONFIG_UNSUPPORTED', async () => {
    const down = makeCardApi({
      fetch: async () => {
        throw new Error('timeout');
      },
      baseUrl: 'https://api.example.com/ui-extension',
    });
    await expect(down.config()).rejects.toMatchObject({ code: 'NETWORK' });
    const odd = makeCardApi({
      fetch: async () => response(200, { version: 9 }),
      baseUrl: 'https://api.example.com/ui-extension',
    });
    await expect(odd.config()).rejects.toMatchObject({ code: 'CONFIG_UNSUPPORTED' });
  });
});
