// Public surface of @govwin-ace/ui-ext-writes: named re-exports only. The local runtime drives the card's
// submit through these routes (never by writing HubSpot directly).
export { toCardAceError } from './ace-errors';
export type { CardWriteDeps, PipelineStages } from './card-deps';
export { actorOf, auditWrite, forActor, writeDealAudited } from './card-deps';
export type { WritesConfig } from './config';
export { ENV as WRITES_ENV, loadWritesConfig } from './config';
export { changedProperties, toHubSpotProperties } from './deal-values';
export type { NotEligibleReason } from './errors';
export {
  AceChangeRefusedError,
  DealNotEligibleError,
  DealNotFoundError,
  ForbiddenAceOperationError,
  NOT_ELIGIBLE,
} from './errors';
export { ALLOWED_ACE_COMMANDS, guardPartnerCentral } from './guarded-partner-central';
export type { InvitationClient, InvitationClientDeps } from './invitation-client';
export { makeInvitationClient } from './invitation-client';
export { ACCEPTING_STATUS, makeReferralDecision } from './referral-decision';
export type { ReferralAcceptQueue, SqsSender } from './referral-queue';
export { makeReferralAcceptQueue } from './referral-queue';
export type { WriteRoute } from './routes';
export { WRITE_ROUTES } from './routes';
export type { EditableProperties, SubmitProperties } from './schemas';
export {
  AcceptReferralBodySchema,
  AssociationsBodySchema,
  parseWriteBody,
  RejectReferralBodySchema,
  SubmitBodySchema,
  UpdateBodySchema,
} from './schemas';
export {
  bounceStageFor,
  checkSubmitEligibility,
  makeSubmitDeal,
  SUBMIT_READ_PROPS,
} from './submit-deal';
export { makeUpdateAssociations, makeUpdateDeal } from './update-deal';
export type { WritesRuntime } from './wiring';
export { buildWritesRuntime } from './wiring';
export { makeWriteRoutes } from './writes';
