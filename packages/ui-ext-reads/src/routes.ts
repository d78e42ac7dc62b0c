import type { CardRouteSpec } from '@govwin-ace/shared-core';

/** The reads Lambda's route allow-list (paths relative to `/ui-extension`). */
export const READ_ROUTES = {
  config: { method: 'GET', path: '/config' },
  solutions: { method: 'GET', path: '/solutions' },
  awsProducts: { method: 'GET', path: '/aws-products' },
} as const satisfies Record<string, CardRouteSpec>;

/** A reads route key. */
export type ReadRoute = keyof typeof READ_ROUTES;
