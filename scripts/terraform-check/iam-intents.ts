// The IAM intents of DESIGN §5 as simulation cases, run with @cloud-copilot/iam-simulate (test-only,
// AGPL devDependency) against the rendered policies of the evaluated world. Five kinds of cases, each
// built in intents/:
//   1. Explicit intents, one per sentence of DESIGN §5 and the issue (receiver PutItem ACE# denied, …):
//      explicit.ts, one module per group of roles (runtime-ingress.ts, card-and-referrals.ts, …).
//   2. Sweeps generated from the policies themselves: every Partner Central action any runtime role
//      holds is allowed in the configured catalog and denied in the other one; Create/StartEngagement*
//      only for the submit role; no runtime role may update or delete audit rows (sweeps.ts).
//   3. On-failure destinations of asynchronous invocations: each function's role may send to its own
//      destination (and encrypt for it through SQS), no other role may, and it may send to no other DLQ
//      (async-failure.ts).
//   4. Dead-letter reads: only the operations role may receive, delete or release the messages of a
//      dead-letter queue, plus the one re-drive DEAD_LETTER_READERS names (reconcile on the events
//      function's on-failure queue; async-failure.ts).
//   5. Reach of the deployment identities: the deployer can create every resource of the stack and
//      nothing with another prefix; the bootstrap operator can create every bootstrap resource and
//      nothing outside the project (reach.ts, reach-needs.ts).
// Each case names a principal, an action, a resource (sample ARN) and request context, and expects
// Allowed or Denied (implicit or explicit); run.ts simulates them, deployment.ts reads the facts the
// cases are written against. This module is the checker's entry point to all of it.

export {
  asyncFailureIntents,
  DEAD_LETTER_READERS,
  deadLetterReadIntents,
} from './intents/async-failure';
export { partnerCentralResource } from './intents/builders';
export { deploymentFacts } from './intents/deployment';
export { explicitIntents } from './intents/explicit';
export { reachIntents } from './intents/reach';
export { runIntents } from './intents/run';
export { sweepIntents } from './intents/sweeps';
export type {
  Deployment,
  Expectation,
  IntentCase,
  IntentKind,
  IntentResult,
} from './intents/types';
