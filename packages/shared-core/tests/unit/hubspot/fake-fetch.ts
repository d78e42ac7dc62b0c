// A scripted fetch for HubSpot client unit tests: each handler sees the parsed request and returns
// a status + JSON body. Every request is recorded for assertions.
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  /** The raw request body (form-encoded bodies stay here; `body` is their parsed JSON otherwise). */
  rawBody: string | undefined;
}

export type FakeRoute = (
  req: RecordedRequest
) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

const parseJson = (body: unknown): unknown => {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

export const makeFakeFetch = (routes: FakeRoute[]) => {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: parseJson(init?.body),
      rawBody: typeof init?.body === 'string' ? init.body : undefined,
    };
    requests.push(req);
    for (const route of routes) {
      const out = route(req);
      if (out) {
        return new Response(out.body === undefined ? null : JSON.stringify(out.body), {
          status: out.status,
          headers: { 'content-type': 'application/json', ...out.headers },
        });
      }
    }
    return new Response(
      JSON.stringify({ status: 'error', message: 'no route', category: 'OBJECT_NOT_FOUND' }),
      {
        status: 404,
        headers: { 'content-type': 'application/json' },
      }
    );
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
};
