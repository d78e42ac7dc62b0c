// The schema `setup-hubspot` ensures lives in shared-core (the local runtime applies the same one).
export { ACE_PIPELINE_STAGES, govwinHubSpotSchema as hubspotSchema } from '@govwin-ace/shared-core';
