import type { CardRouteSpec } from '@govwin-ace/shared-core';

/**
 * The writes Lambda's route allow-list (paths relative to `/ui-extension`). There is deliberately no route
 * that creates an opportunity or starts an engagement: those run only in ace-submitter (DESIGN §5).
 */
export const WRITE_ROUTES = {
  submit: { method: 'POST', path: '/submit' },
  update: { method: 'POST', path: '/update' },
  associations: { method: 'POST', path: '/associations' },
  acceptReferral: { method: 'POST', path: '/referral/accept' },
  rejectReferral: { method: 'POST', path: '/referral/reject' },
} as const satisfies Record<string, CardRouteSpec>;

/** A writes route key. */
export type WriteRoute = keyof typeof WRITE_ROUTES;
