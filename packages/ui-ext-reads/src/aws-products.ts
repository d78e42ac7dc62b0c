// The card's AWS product catalogue is the same list `setup-hubspot` uses for the deal property's options
// (HubSpot refuses a value that is not an option), so it lives once, in shared-core.
export type { AwsProduct } from '@govwin-ace/shared-core';
export { AWS_PRODUCTS, AWS_PRODUCTS_VERSION, OTHER_AWS_PRODUCT } from '@govwin-ace/shared-core';
