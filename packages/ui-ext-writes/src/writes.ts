// The writes Lambda's route table: one handler per allow-listed route, nothing else.
import type { CardRouteHandler } from '@govwin-ace/shared-core';
import type { CardWriteDeps } from './card-deps';
import { makeReferralDecision } from './referral-decision';
import type { WriteRoute } from './routes';
import { makeSubmitDeal } from './submit-deal';
import { makeUpdateAssociations, makeUpdateDeal } from './update-deal';

/**
 * Builds the route table.
 * @example makeCardHandler({ gate, handlers: makeWriteRoutes(deps), replay, logger });
 */
export const makeWriteRoutes = (
  deps: CardWriteDeps
): Record<WriteRoute, CardRouteHandler<WriteRoute>> => ({
  submit: makeSubmitDeal(deps),
  update: makeUpdateDeal(deps),
  associations: makeUpdateAssociations(deps),
  acceptReferral: makeReferralDecision(deps, 'accept'),
  rejectReferral: makeReferralDecision(deps, 'reject'),
});
