// Every call the card makes to its backend, through `hubspot.fetch` (injected, so tests pass a fake). HubSpot
// signs each call (v3) and appends the caller's identity; the backend answers JSON with a correlation id.
import { type CardConfig, parseCardConfig } from './card-config';

/** The `hubspot.fetch` shape the card uses. */
export type CardFetch = (
  url: string,
  options?: { method?: 'GET' | 'POST'; body?: Record<string, unknown>; timeout?: number }
) => Promise<{ ok: boolean; status: number; json: () => Promise<unknown> }>;

/** A failed call: what the rep is shown (fixed backend messages, per-field reasons, correlation id). */
export class CardApiError extends Error {
  public readonly status: number;
  public readonly code: string;
  public readonly fields: Readonly<Record<string, string>>;
  public readonly correlationId: string | undefined;
  public constructor(o: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    correlationId?: string | undefined;
  }) {
    super(o.message);
    this.name = 'CardApiError';
    this.status = o.status;
    this.code = o.code;
    this.fields = o.fields ?? {};
    this.correlationId = o.correlationId;
  }
}

export interface SolutionOption {
  id: string;
  name: string;
  category: string;
}
export interface AwsProduct {
  id: string;
  name: string;
  family: string;
}

/** hubspot.fetch allows at most 15 s; the card gives up a little earlier and says so. */
export const CARD_FETCH_TIMEOUT_MS = 14_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const toError = (status: number, body: unknown): CardApiError => {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (typeof b.fields === 'object' && b.fields !== null)
    for (const [k, v] of Object.entries(b.fields)) if (typeof v === 'string') fields[k] = v;
  return new CardApiError({
    status,
    code: str(b.error) ?? `HTTP_${status}`,
    message: str(b.message) ?? `The backend answered ${status}.`,
    fields,
    correlationId: str(b.correlationId),
  });
};

/**
 * Builds the API client. `baseUrl` is the generated backend URL (also listed in permittedUrls.fetch).
 * @example const api = makeCardApi({ fetch: hubspot.fetch, baseUrl: BACKEND_BASE_URL });
 */
export const makeCardApi = (deps: { fetch: CardFetch; baseUrl: string }) => {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, unknown>
  ): Promise<Record<string, unknown>> => {
    let res: Awaited<ReturnType<CardFetch>>;
    try {
      res = await deps.fetch(`${base}${path}`, {
        method,
        timeout: CARD_FETCH_TIMEOUT_MS,
        ...(body ? { body } : {}),
      });
    } catch {
      throw new CardApiError({
        status: 0,
        code: 'NETWORK',
        message:
          'The backend did not answer in time. Your change may still be applying; refresh in a minute.',
      });
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw toError(res.status, parsed);
    return (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  };

  return {
    config: async (): Promise<CardConfig> => {
      const config = parseCardConfig(await call('GET', '/config'));
      if (!config)
        throw new CardApiError({
          status: 200,
          code: 'CONFIG_UNSUPPORTED',
          message: 'The backend configuration is not one this card understands. Ask your admin.',
        });
      return config;
    },
    solutions: async (): Promise<{ solutions: SolutionOption[]; stale: boolean }> => {
      const body = await call('GET', '/solutions');
      return {
        solutions: Array.isArray(body.solutions) ? (body.solutions as SolutionOption[]) : [],
        stale: body.stale === true,
      };
    },
    awsProducts: async (): Promise<AwsProduct[]> => {
      const body = await call('GET', '/aws-products');
      return Array.isArray(body.products) ? (body.products as AwsProduct[]) : [];
    },
    submit: (dealId: string, properties: Record<string, unknown>) =>
      call('POST', '/submit', { dealId, properties }),
    update: (dealId: string, properties: Record<string, unknown>) =>
      call('POST', '/update', { dealId, properties }),
    associations: (dealId: string, solutionId: string, awsProducts: string[]) =>
      call('POST', '/associations', { dealId, solutionId, awsProducts }),
    acceptReferral: (dealId: string, invitationId: string) =>
      call('POST', '/referral/accept', { dealId, invitationId }),
    rejectReferral: (dealId: string, invitationId: string, reason: string) =>
      call('POST', '/referral/reject', { dealId, invitationId, reason }),
  };
};

/** The API client's type (components take it as a prop, tests pass a fake). */
export type CardApi = ReturnType<typeof makeCardApi>;
