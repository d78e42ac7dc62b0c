// Public surface of @govwin-ace/ui-ext-reads: named re-exports only. The local runtime and the CLI import
// the route list, the card configuration and the AWS product catalogue from here.
export type { AwsProduct } from './aws-products';
export { AWS_PRODUCTS, AWS_PRODUCTS_VERSION, OTHER_AWS_PRODUCT } from './aws-products';
export type { CardConfig, CardEnumName, CardOption } from './card-config';
export { buildCardConfig, CARD_ENUMS, CARD_LIMITS } from './card-config';
export type { ReadsConfig } from './config';
export { ENV as READS_ENV, loadReadsConfig, STAGE_ID } from './config';
export type { ReadRoutesDeps } from './reads';
export { makeReadRoutes } from './reads';
export type { ReadRoute } from './routes';
export { READ_ROUTES } from './routes';
export type {
  SolutionList,
  SolutionOption,
  SolutionsSource,
  SolutionsSourceDeps,
} from './solutions';
export { MAX_SOLUTION_PAGES, makeSolutionsSource } from './solutions';
