// The reads routes: pure functions of the reads Lambda's configuration and the solutions source. Nothing
// here reads HubSpot or any table: the role has ListSolutions, its signing secret and `WHK#` writes only
// (DESIGN §5). The deal's ACE status is read by the card from HubSpot itself (docs/decisions/0006).
import { AceApiError, type CardRouteHandler, UpstreamError } from '@govwin-ace/shared-core';
import { AWS_PRODUCTS, AWS_PRODUCTS_VERSION } from './aws-products';
import { buildCardConfig } from './card-config';
import type { ReadsConfig } from './config';
import type { ReadRoute } from './routes';
import type { SolutionsSource } from './solutions';

/** Dependencies of {@link makeReadRoutes}. */
export interface ReadRoutesDeps {
  config: Pick<ReadsConfig, 'catalog' | 'pipelineId' | 'triggerStageIds' | 'referralStageId'>;
  solutions: SolutionsSource;
}

/**
 * Builds the route table of the reads Lambda.
 * @example makeCardHandler({ gate, handlers: makeReadRoutes({ config, solutions }), logger });
 */
export const makeReadRoutes = (
  deps: ReadRoutesDeps
): Record<ReadRoute, CardRouteHandler<ReadRoute>> => {
  // Computed once per container: the configuration and the SDK enums do not change while it lives.
  const cardConfig = buildCardConfig(deps.config);
  const products = AWS_PRODUCTS.map((p) => ({ ...p }));
  return {
    config: async () => ({ status: 200, body: { ...cardConfig } }),
    awsProducts: async () => ({
      status: 200,
      body: { version: AWS_PRODUCTS_VERSION, products },
    }),
    solutions: async () => {
      try {
        const list = await deps.solutions.list();
        return { status: 200, body: { catalog: deps.config.catalog, ...list } };
      } catch (err) {
        // AWS text never reaches the card: one code, the correlation id is added by the edge.
        const code = err instanceof AceApiError ? err.code : 'ACE_UNAVAILABLE';
        throw new UpstreamError(`ListSolutions failed (${code})`, {
          code: 'SOLUTIONS_UNAVAILABLE',
          httpStatus: 503,
          cause: err,
        });
      }
    },
  };
};
