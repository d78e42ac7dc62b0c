// Partner Central specific `/__sim/...` routes (next to the common inspect/reset/faults ones), so a
// process that only knows the endpoint URL can drive the simulated clock and review.
import type { Catalog } from '@govwin-ace/shared-core';
import { parseJsonBody, type SimRequest, type SimResponse } from '../common/http-simulator';
import type { InvitationSeed, ThrottlingFaults } from './options';

export interface AdminControl {
  advance(ms: number): number;
  advanceReview(target?: { catalog: Catalog; id?: string }): number;
  createInvitation(seed: InvitationSeed): string;
  configure(settings: { throttling?: ThrottlingFaults; eventDropRate?: number }): void;
}

type Route = (req: SimRequest) => SimResponse;

const bad = (message: string): SimResponse => ({ status: 400, body: { message } });

const objectBody = (req: SimRequest): Record<string, unknown> | undefined => {
  const parsed =
    req.rawBody.trim() === '' ? { ok: true as const, value: {} } : parseJsonBody(req.rawBody);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
  return parsed.value as Record<string, unknown>;
};

const guarded =
  (route: (body: Record<string, unknown>) => SimResponse): Route =>
  (req) => {
    const body = objectBody(req);
    if (!body) return bad('body must be a JSON object');
    try {
      return route(body);
    } catch (err) {
      return bad(err instanceof Error ? err.message : 'invalid request');
    }
  };

export const makeAdminExtras = (control: AdminControl): Record<string, Route> => ({
  'POST /__sim/advance': guarded((body) => {
    if (typeof body.ms !== 'number' || !(body.ms >= 0)) return bad('ms must be a number >= 0');
    return { status: 200, body: { ran: control.advance(body.ms) } };
  }),
  'POST /__sim/advance-review': guarded((body) => {
    const { catalog, id } = body;
    if (catalog !== undefined && catalog !== 'AWS' && catalog !== 'Sandbox') {
      return bad('catalog must be AWS or Sandbox');
    }
    if (id !== undefined && (typeof id !== 'string' || catalog === undefined)) {
      return bad('id must be a string and needs a catalog');
    }
    const target = catalog
      ? { catalog: catalog as Catalog, ...(typeof id === 'string' ? { id } : {}) }
      : undefined;
    return { status: 200, body: { applied: control.advanceReview(target) } };
  }),
  'POST /__sim/invitations': guarded((body) => ({
    status: 201,
    body: { id: control.createInvitation(body as unknown as InvitationSeed) },
  })),
  'PUT /__sim/settings': guarded((body) => {
    control.configure(body as { throttling?: ThrottlingFaults; eventDropRate?: number });
    return { status: 204 };
  }),
});
