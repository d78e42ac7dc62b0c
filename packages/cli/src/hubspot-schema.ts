// What `setup-hubspot` ensures in the portal: the GovWin property group and properties on deals,
// companies and contacts, and the deal pipeline with the GovWin stages plus the stages the ACE flow
// uses (prior-art §4.5). Other flows add their properties here (one list per object type).
import {
  GOVWIN_COMPANY_PROPERTIES,
  GOVWIN_CONTACT_PROPERTIES,
  GOVWIN_DEAL_PROPERTIES,
  GOVWIN_PROPERTY_GROUP,
  GOVWIN_STAGES,
  type SchemaSpec,
  type StageSpec,
} from '@govwin-ace/shared-core';

/** Stages the ACE submission flow moves deals to (their ids go into that flow's configuration). */
export const ACE_PIPELINE_STAGES: readonly StageSpec[] = [
  { label: 'Submit to AWS', probability: '0.5', isClosed: false },
  { label: 'Submitted to AWS', probability: '0.5', isClosed: false },
  { label: 'Under AWS Review', probability: '0.5', isClosed: false },
  { label: 'Action Required', probability: '0.5', isClosed: false },
  { label: 'Approved by AWS', probability: '0.7', isClosed: false },
];

/** The full schema for a pipeline label. */
export const hubspotSchema = (pipelineLabel: string): SchemaSpec => ({
  groups: {
    deals: [GOVWIN_PROPERTY_GROUP],
    companies: [GOVWIN_PROPERTY_GROUP],
    contacts: [GOVWIN_PROPERTY_GROUP],
  },
  properties: {
    deals: GOVWIN_DEAL_PROPERTIES,
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
