// What `govwin-ace setup-hubspot` ensures in a portal (and what the local runtime applies to the
// HubSpot simulator): the GovWin property group and properties on deals, companies and contacts, the
// ACE property group and deal properties the submitter, the card and the webhook receiver use, and
// the deal pipeline with the GovWin stages plus the stages the ACE flow uses (prior-art §4.5).
import { ACE_DEAL_PROPERTIES, ACE_PROPERTY_GROUP } from '../../ace/ace-hubspot-properties';
import type { SchemaSpec, StageSpec } from '../../hubspot/ensure-schema';
import {
  GOVWIN_COMPANY_PROPERTIES,
  GOVWIN_CONTACT_PROPERTIES,
  GOVWIN_DEAL_PROPERTIES,
  GOVWIN_PROPERTY_GROUP,
} from './hubspot-properties';
import { GOVWIN_STAGES } from './status-stage';

/** Stages the ACE flows move deals to (their ids go into those flows' configuration). */
export const ACE_PIPELINE_STAGES: readonly StageSpec[] = [
  { label: 'Submit to AWS', probability: '0.5', isClosed: false },
  { label: 'Submitted to AWS', probability: '0.5', isClosed: false },
  { label: 'Under AWS Review', probability: '0.5', isClosed: false },
  { label: 'Action Required', probability: '0.5', isClosed: false },
  { label: 'Approved by AWS', probability: '0.6', isClosed: false },
  { label: 'AWS Referral', probability: '0.2', isClosed: false },
];

/**
 * The full schema for a pipeline label. Other flows that need more properties add them here, so one
 * idempotent `setup-hubspot` run prepares the whole portal.
 * @example await ensureHubSpotSchema(hubspot, govwinHubSpotSchema('GovWin Pipeline'));
 */
export const govwinHubSpotSchema = (pipelineLabel: string): SchemaSpec => ({
  groups: {
    deals: [GOVWIN_PROPERTY_GROUP, ACE_PROPERTY_GROUP],
    companies: [GOVWIN_PROPERTY_GROUP],
    contacts: [GOVWIN_PROPERTY_GROUP],
  },
  properties: {
    deals: [...GOVWIN_DEAL_PROPERTIES, ...ACE_DEAL_PROPERTIES],
    companies: GOVWIN_COMPANY_PROPERTIES,
    contacts: GOVWIN_CONTACT_PROPERTIES,
  },
  pipeline: {
    label: pipelineLabel,
    stages: [
      ...GOVWIN_STAGES.map((s) => ({
        label: s.label,
        probability: s.probability,
        isClosed: s.isClosed,
      })),
      ...ACE_PIPELINE_STAGES,
    ],
  },
});
