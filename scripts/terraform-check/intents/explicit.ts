// The explicit intents of DESIGN §5 and the issue, one sentence a case (receiver PutItem ACE# denied,
// …), for the roles of the stack and bootstrap. Each group of roles has its own module; the order of
// the groups below is the order of the cases.

import { aceRoleIntents, editorIntents } from './ace-roles';
import { explicitAsyncFailureIntents } from './async-failure';
import { bootstrapOperatorIntents } from './bootstrap-operator';
import { explicitKit } from './builders';
import { cardAndReferralIntents } from './card-and-referrals';
import { deployerIntents } from './deployer';
import { govwinAndSchedulerIntents } from './govwin-and-schedulers';
import { operationsIntents } from './operations';
import { reconcileAndDriftIntents } from './reconcile-and-drift';
import { runtimeIngressIntents } from './runtime-ingress';
import type { Deployment, IntentCase } from './types';

/** The explicit intents of DESIGN §5 and the issue, for the roles of the stack and bootstrap. */
export const explicitIntents = (d: Deployment): IntentCase[] => {
  const k = explicitKit(d);
  return [
    ...runtimeIngressIntents(k),
    ...cardAndReferralIntents(k),
    ...aceRoleIntents(k),
    ...explicitAsyncFailureIntents(k),
    ...reconcileAndDriftIntents(k),
    ...editorIntents(k),
    ...govwinAndSchedulerIntents(k),
    ...deployerIntents(k),
    ...operationsIntents(k),
    ...bootstrapOperatorIntents(k),
  ];
};
