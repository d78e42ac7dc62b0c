// Test helper: a minimal fetch-based HubSpot client, written from the API reference, used to drive
// the simulator over real HTTP.
import type { HubSpotSimulator } from '../../../../src/simulators/hubspot/hubspot-simulator';

export interface HsResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export const hsCall = async <T = Record<string, unknown>>(
  sim: HubSpotSimulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sim.accessToken
): Promise<HsResponse<T>> => {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text === '' ? {} : JSON.parse(text)) as T,
    headers: res.headers,
  };
};

export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  new?: boolean;
  objectWriteTraceId?: string;
}

export interface BatchBody {
  status: string;
  results: CrmObject[];
  errors?: Array<Record<string, unknown> & { category: string; message: string }>;
  numErrors?: number;
}

export interface ErrorBody {
  status: string;
  message: string;
  correlationId: string;
  category: string;
  errors?: Array<{ message: string; code?: string }>;
}

/** Creates the unique `govwin_opp_id` deal property the sync upserts by. */
export const createUniqueDealKey = (sim: HubSpotSimulator, name = 'govwin_opp_id') =>
  hsCall(sim, 'POST', '/crm/v3/properties/deals', {
    name,
    label: 'GovWin opportunity id',
    type: 'string',
    fieldType: 'text',
    groupName: 'dealinformation',
    hasUniqueValue: true,
  });
