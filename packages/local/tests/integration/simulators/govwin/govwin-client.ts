// Test helper: a minimal fetch-based WSAPI client, written from the vendor reference, used to
// drive the simulator over real HTTP.
import type { GovWinSimulator } from '../../../../src/simulators/govwin/govwin-simulator';

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

export const tokenRequest = (sim: GovWinSimulator, fields: Record<string, string>) =>
  fetch(`${sim.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

export const passwordGrant = (sim: GovWinSimulator, password = sim.credentials.password) =>
  tokenRequest(sim, {
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
    grant_type: 'password',
    username: sim.credentials.username,
    password,
    scope: 'read',
  });

export const login = async (sim: GovWinSimulator): Promise<TokenResponse> => {
  const res = await passwordGrant(sim);
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return (await res.json()) as TokenResponse;
};

export const apiGet = (sim: GovWinSimulator, path: string, token: string) =>
  fetch(`${sim.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

export interface Listing {
  meta: {
    paging: { max: number; offset: number; totalCount: number; sort?: string; order?: string };
  };
  opportunities: Array<Record<string, unknown> & { id: string }>;
}

export const getJson = async <T>(sim: GovWinSimulator, path: string, token: string): Promise<T> => {
  const res = await apiGet(sim, path, token);
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

export interface ApiErrorBody {
  errors: Array<{ logref: string; message: string; links: { resource: { href: string } } }>;
}
