// Harness for the end-to-end canary test: canary values, the sinks a leak could reach (log lines, SNS
// messages, HTTP responses, HubSpot properties, audit rows), and the search for canaries in them.
// A flow seeds canaries where attacker- or customer-controlled data enters the system, runs the real
// handlers on the local runtime, then asks `findLeaks()` where any canary surfaced. Adding a flow
// means: seed with `canaries.add(...)` (saying where the value may legitimately land in HubSpot), run
// it, and assert it really happened (so "no leak" is never vacuous).
import { randomBytes } from 'node:crypto';

/** Where a canary came from; decides where it may legitimately appear. */
export type CanaryOrigin = 'secret' | 'govwin' | 'hubspot-user' | 'aws' | 'attacker';

/** A HubSpot property a canary may be copied into by design (the sync's and referrals' purpose). */
export interface Placement {
  objectType: 'deals' | 'companies' | 'contacts';
  property: string;
}

export interface Canary {
  name: string;
  value: string;
  origin: CanaryOrigin;
  /** Lower-cased strings whose presence anywhere means the canary leaked (value and its unique core). */
  needles: string[];
  /** HubSpot properties where this value belongs by design; anywhere else in HubSpot is a leak. */
  allowedIn: readonly Placement[];
}

export type SinkName = 'log' | 'sns' | 'http' | 'hubspot' | 'audit';

export interface Leak {
  canary: string;
  sink: SinkName;
  /** Where in the sink (log line number, HTTP request, HubSpot object/property). */
  where: string;
}

/** A fresh lower-case letter string, unique per run (letters only, so it fits names and e-mails). */
export const randomCore = (length = 10): string =>
  [...randomBytes(length)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

/** Digits-only form of a phone number, for matching it in any formatting. */
const digits = (s: string): string => s.replace(/\D/g, '');

/** The set of canaries of one run. */
export const makeCanaries = () => {
  const all = new Map<string, Canary>();
  const add = (
    name: string,
    value: string,
    origin: CanaryOrigin,
    options: { core?: string; allowedIn?: readonly Placement[] } = {}
  ): string => {
    if (all.has(name)) throw new Error(`canary ${name} added twice`);
    const needles = [value.toLowerCase()];
    if (options.core) needles.push(options.core.toLowerCase());
    all.set(name, { name, value, origin, needles, allowedIn: options.allowedIn ?? [] });
    return value;
  };
  /** A free-text canary: a sentence around a unique core, like a description or a message. */
  const text = (
    name: string,
    origin: CanaryOrigin,
    allowedIn: readonly Placement[] = [],
    shape = (core: string) => `Confidential note ${core} about the agency's case files`
  ): string => {
    const core = `canary${randomCore()}`;
    return add(name, shape(core), origin, { core, allowedIn });
  };
  const email = (name: string, origin: CanaryOrigin, allowedIn: readonly Placement[] = []) => {
    const core = randomCore();
    return add(name, `pat.${core}@agency-${core}.example.gov`, origin, { core, allowedIn });
  };
  const personName = (name: string, origin: CanaryOrigin, allowedIn: readonly Placement[] = []) => {
    const core = `Zq${randomCore(9)}`;
    return add(name, core, origin, { core, allowedIn });
  };
  /** A NANP phone number in an area code the fixtures never use. */
  const phone = (name: string, origin: CanaryOrigin, allowedIn: readonly Placement[] = []) => {
    const n = String(1000 + (randomBytes(2).readUInt16BE(0) % 9000));
    const value = add(name, `+1 (307) 555-${n}`, origin, { allowedIn });
    (all.get(name) as Canary).needles.push(`1307555${n}`, `307555${n}`, `307-555-${n}`);
    return value;
  };
  return {
    add,
    text,
    email,
    personName,
    phone,
    get: (name: string): Canary => {
      const c = all.get(name);
      if (!c) throw new Error(`no canary ${name}`);
      return c;
    },
    list: (): Canary[] => [...all.values()],
  };
};
export type Canaries = ReturnType<typeof makeCanaries>;

/** Everything the run emitted, per sink. */
export interface Sinks {
  /** Every line written to stdout / stderr or the console (Lambda log lines), plus thrown invocation errors. */
  log: string[];
  sns: string[];
  /** `<METHOD> <path> -> <serialised response>` for every API response. */
  http: string[];
  /** Every HubSpot property value at the end of the run. */
  hubspot: { objectType: string; id: string; property: string; value: string }[];
  audit: string[];
}

const matchesNeedle = (haystack: string, canary: Canary): boolean => {
  const lower = haystack.toLowerCase();
  if (canary.needles.some((n) => lower.includes(n))) return true;
  // Phone numbers may be reformatted: compare digit runs too.
  const d = digits(haystack);
  return canary.needles.some((n) => /^\d{9,}$/.test(n) && d.includes(n));
};

/** Finds every canary in every sink (HubSpot: outside its allowed placements). */
export const findLeaks = (canaries: readonly Canary[], sinks: Sinks): Leak[] => {
  const leaks: Leak[] = [];
  const scan = (sink: SinkName, items: readonly string[], label: (i: number) => string) => {
    items.forEach((item, i) => {
      for (const c of canaries)
        if (matchesNeedle(item, c)) leaks.push({ canary: c.name, sink, where: label(i) });
    });
  };
  scan('log', sinks.log, (i) => `log line ${i + 1}: ${sinks.log[i]?.slice(0, 80) ?? ''}`);
  scan('sns', sinks.sns, (i) => `SNS message ${i + 1}`);
  scan('http', sinks.http, (i) => sinks.http[i]?.split(' -> ')[0] ?? `response ${i + 1}`);
  scan('audit', sinks.audit, (i) => `audit row ${i + 1}`);
  for (const p of sinks.hubspot) {
    for (const c of canaries) {
      if (!matchesNeedle(p.value, c)) continue;
      const allowed = c.allowedIn.some(
        (a) => a.objectType === p.objectType && a.property === p.property
      );
      if (!allowed)
        leaks.push({
          canary: c.name,
          sink: 'hubspot',
          where: `${p.objectType}/${p.id}.${p.property}`,
        });
    }
  }
  return leaks;
};

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Captures everything written to stdout, stderr and the console from now on (handlers log through
 * Powertools to stdout, as on Lambda). Nothing is passed through, so the test output stays readable.
 */
export const captureOutput = (into: string[]) => {
  const originals = {
    out: process.stdout.write,
    err: process.stderr.write,
    console: Object.fromEntries(CONSOLE_METHODS.map((m) => [m, console[m]])),
  };
  const sink: Write = (chunk) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) if (line.trim() !== '') into.push(line);
    return true;
  };
  process.stdout.write = sink as typeof process.stdout.write;
  process.stderr.write = sink as typeof process.stderr.write;
  for (const m of CONSOLE_METHODS)
    console[m] = (...args: unknown[]) =>
      void into.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
  return () => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    for (const m of CONSOLE_METHODS)
      console[m] = originals.console[m] as (typeof console)[typeof m];
  };
};

/** JSON of anything (errors with name, message and stack), never throwing. */
export const safeJson = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_k, v) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause } : v
    );
  } catch {
    return String(value);
  }
};

/** What the proxy answers instead of forwarding: status and a JSON body. */
export interface InjectedAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * An AWS JSON 1.0 pass-through proxy in front of the Partner Central simulator that can answer one
 * call of a given operation with an injected error — the way to put canaries into AWS error messages
 * (real ValidationExceptions echo submitted values; the simulator deliberately never does). Point the
 * Lambdas at `url` (AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING), then `setTarget()` once the simulator runs.
 */
export const startAwsErrorProxy = async () => {
  const { createServer } = await import('node:http');
  let target = '';
  const pending = new Map<string, (requestBody: Record<string, unknown>) => InjectedAnswer>();
  const served: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const operation =
          String(req.headers['x-amz-target'] ?? '')
            .split('.')
            .pop() ?? '';
        const inject = pending.get(operation);
        if (inject) {
          pending.delete(operation);
          served.push(operation);
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          } catch {
            // an unparseable request still gets the injected answer
          }
          const answer = inject(parsed);
          const errorType =
            String(answer.body.__type ?? '')
              .split('#')
              .pop() ?? '';
          res
            .writeHead(answer.status, {
              'content-type': 'application/x-amz-json-1.0',
              ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
            })
            .end(JSON.stringify(answer.body));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (v !== undefined && !['host', 'connection', 'content-length'].includes(k))
            headers[k] = Array.isArray(v) ? v.join(',') : v;
        try {
          const upstream = await fetch(`${target}${req.url ?? '/'}`, {
            method: req.method ?? 'POST',
            headers,
            ...(body.length > 0 ? { body } : {}),
          });
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (
              !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)
            )
              out[k] = v;
          });
          res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
        } catch {
          res.writeHead(502).end();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (url: string) => {
      target = url.replace(/\/+$/, '');
    },
    /** Answers the next call of `operation` with `answer(requestBody)` instead of forwarding it. */
    failNext: (
      operation: string,
      answer: (requestBody: Record<string, unknown>) => InjectedAnswer
    ) => void pending.set(operation, answer),
    /** Operations answered with an injected error so far. */
    served: () => [...served],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** One outbound HTTP request seen by the global fetch. */
export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

/**
 * Records every request made through the global fetch from now on (the HubSpot and GovWin clients
 * take it when they are built, so call this before the handlers load). Returns the restore function.
 */
export const recordFetch = (into: RecordedRequest[]): (() => void) => {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const body = typeof init?.body === 'string' ? init.body : '';
    into.push({ method, url, body });
    return original(input, init);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
};

const OBJECT_WRITE = /^\/crm\/v3\/objects\/([^/]+)(?:\/(\d+)|\/batch\/(create|update|upsert))?$/;
const OBJECT_TYPES: Readonly<Record<string, string>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
};

/**
 * The property values written to HubSpot (creates, updates, batch upserts) by the requests sent to
 * `baseUrl`, as HubSpot-sink entries: every write-back is checked, not only the final state, so a
 * value overwritten later in the run still counts.
 */
export const hubspotPropertyWrites = (
  requests: readonly RecordedRequest[],
  baseUrl: string
): Sinks['hubspot'] => {
  const out: Sinks['hubspot'] = [];
  requests.forEach((r, i) => {
    if (!r.url.startsWith(baseUrl) || (r.method !== 'POST' && r.method !== 'PATCH')) return;
    const m = OBJECT_WRITE.exec(new URL(r.url).pathname);
    if (!m) return;
    const objectType = OBJECT_TYPES[m[1] as string] ?? (m[1] as string);
    let body: { properties?: unknown; inputs?: unknown };
    try {
      body = JSON.parse(r.body) as typeof body;
    } catch {
      return;
    }
    const records: { id?: unknown; properties?: unknown }[] = m[3]
      ? Array.isArray(body.inputs)
        ? (body.inputs as { id?: unknown; properties?: unknown }[])
        : []
      : [{ id: m[2] ?? `new#${i + 1}`, properties: body.properties }];
    for (const rec of records) {
      const props = (rec.properties ?? {}) as Record<string, unknown>;
      for (const [property, value] of Object.entries(props))
        if (typeof value === 'string')
          out.push({ objectType, id: `write#${i + 1}:${String(rec.id ?? '?')}`, property, value });
    }
  });
  return out;
};
