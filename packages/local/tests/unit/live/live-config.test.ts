import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { parseMainArgs } from '../../../src/cli-args';
import { LiveConfigError, readLiveConfig } from '../../../src/live/live-config';
import { Secret } from '../../../src/live/secret';

const ENV = {
  GOVWIN_CLIENT_ID: 'gw-client-id-value',
  GOVWIN_CLIENT_SECRET: 'gw-client-secret-value',
  GOVWIN_USERNAME: 'gw-user-value',
  GOVWIN_PASSWORD: 'gw-password-value',
  HUBSPOT_ACCESS_TOKEN: 'pat-na1-fake-token-value',
  HUBSPOT_PORTAL_ID: '24156720',
  AWS_ACCOUNT_ID_FOR_ACE: '123456789012',
};
const live = (...extra: string[]) => parseMainArgs(['--live', ...extra]);
const read = (env: Record<string, string | undefined>, ...extra: string[]) =>
  readLiveConfig(live(...extra), env, '/work/here');
const problem = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LiveConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a LiveConfigError');
};

describe('readLiveConfig', () => {
  describe('a complete environment', () => {
    it('defaults to the Sandbox catalog, the real endpoints and ./.local-runtime', () => {
      const c = read(ENV);
      expect(c.catalog).toBe('Sandbox');
      expect(c.govwin).toMatchObject({
        baseUrl: 'https://services.govwin.com/neo-ws',
        overridden: false,
        discovery: 'marked',
      });
      expect(c.hubspot).toMatchObject({
        baseUrl: 'https://api.hubapi.com',
        overridden: false,
        portalId: '24156720',
        appId: undefined,
        clientSecret: undefined,
        pipelineLabel: 'GovWin Pipeline',
      });
      expect(c.partnerCentral).toEqual({
        endpoint: undefined,
        accountId: '123456789012',
        credentialSource: 'the default AWS credential chain',
      });
      expect(c.stateDir).toBe('/work/here/.local-runtime');
    });

    it('uses the AWS catalog only with --catalog AWS', () => {
      expect(read(ENV, '--catalog', 'AWS').catalog).toBe('AWS');
      expect(read({ ...ENV, ACE_CATALOG: 'AWS' }, '--catalog', 'AWS').catalog).toBe('AWS');
    });

    it('names where the AWS credentials come from without printing them', () => {
      expect(read({ ...ENV, AWS_PROFILE: 'partner-sandbox' }).partnerCentral.credentialSource).toBe(
        'profile partner-sandbox (AWS_PROFILE)'
      );
      expect(
        read({ ...ENV, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_PROFILE: 'x' }).partnerCentral
          .credentialSource
      ).toBe('access key in AWS_ACCESS_KEY_ID');
    });

    it('takes the endpoint overrides (for tests) and marks them', () => {
      const c = read({
        ...ENV,
        GOVWIN_BASE_URL: 'http://127.0.0.1:4100/neo-ws/',
        HUBSPOT_BASE_URL: 'http://localhost:4200',
        AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: 'http://127.0.0.1:4300',
        GOVWIN_ACE_LOCAL_DIR: '/tmp/state',
      });
      expect(c.govwin).toMatchObject({ baseUrl: 'http://127.0.0.1:4100/neo-ws', overridden: true });
      expect(c.hubspot).toMatchObject({ baseUrl: 'http://localhost:4200', overridden: true });
      expect(c.partnerCentral.endpoint).toBe('http://127.0.0.1:4300');
      expect(c.stateDir).toBe('/tmp/state');
    });

    it('shows the generic AWS_ENDPOINT_URL as the Partner Central endpoint, since the SDK uses it', () => {
      expect(
        read({ ...ENV, AWS_ENDPOINT_URL: 'https://proxy.example.test' }).partnerCentral.endpoint
      ).toBe('https://proxy.example.test');
    });

    it('keeps the optional HubSpot app id and client secret', () => {
      const c = read({ ...ENV, HUBSPOT_APP_ID: '3061842', HUBSPOT_CLIENT_SECRET: 'cs-value' });
      expect(c.hubspot.appId).toBe('3061842');
      expect(c.hubspot.clientSecret?.reveal()).toBe('cs-value');
    });
  });

  describe('refusals (one line each)', () => {
    it('lists every missing variable, treating empty ones as missing', () => {
      const { GOVWIN_PASSWORD: _p, AWS_ACCOUNT_ID_FOR_ACE: _a, ...rest } = ENV;
      expect(problem(() => read({ ...rest, HUBSPOT_ACCESS_TOKEN: '  ' }))).toBe(
        '--live needs GOVWIN_PASSWORD, HUBSPOT_ACCESS_TOKEN, AWS_ACCOUNT_ID_FOR_ACE in the environment (see docs/local-runtime.md)'
      );
    });

    it('names every malformed variable in one line without echoing values', () => {
      const message = problem(() =>
        read({
          ...ENV,
          HUBSPOT_PORTAL_ID: 'portal-abc',
          AWS_ACCOUNT_ID_FOR_ACE: '1234',
          HUBSPOT_APP_ID: '0x1',
          HUBSPOT_BASE_URL: 'http://api.hubapi.example.test/secret-path-token',
          GOVWIN_BASE_URL: 'https://user:hunter2@services.govwin.example.test',
        })
      );
      expect(message).toBe(
        '--live: HUBSPOT_PORTAL_ID must be a HubSpot account id (digits); HUBSPOT_APP_ID must be a HubSpot app id (digits); AWS_ACCOUNT_ID_FOR_ACE must be a 12-digit AWS account id; GOVWIN_BASE_URL must be an https URL (http only on loopback) without credentials; HUBSPOT_BASE_URL must be an https URL (http only on loopback) without credentials'
      );
      expect(message).not.toMatch(/hunter2|secret-path-token|portal-abc/);
    });

    it('refuses ACE_CATALOG=AWS without --catalog AWS', () => {
      expect(problem(() => read({ ...ENV, ACE_CATALOG: 'AWS' }))).toBe(
        'ACE_CATALOG=AWS is not enough: --live uses the AWS (production) catalog only with --catalog AWS'
      );
    });

    it.each([
      { flags: ['--serve'], message: /cannot be combined with --serve/ },
      { flags: ['--dynalite'], message: /cannot use --dynalite/ },
      { flags: ['--api-port', '8080'], message: /--api-port does not apply/ },
    ])('refuses --live with $flags', ({ flags, message }) => {
      expect(problem(() => read(ENV, ...flags))).toMatch(message);
    });
  });
});

describe('Secret', () => {
  it('never shows its value when printed, serialised or inspected', () => {
    const s = new Secret('do-not-print-me');
    const shown = [String(s), `${s}`, JSON.stringify({ s }), inspect({ s }, { depth: 5 })].join(
      ' '
    );
    expect(shown).not.toContain('do-not-print-me');
    expect(s.reveal()).toBe('do-not-print-me');
  });
});
