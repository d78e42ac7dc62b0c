// Runs the intent cases with @cloud-copilot/iam-simulate (test-only, AGPL devDependency) against the
// rendered policies: a role's own policies and boundary, the resource policy of the target (key,
// bucket or queue), a trust policy for `trust:` cases and bootstrap-operator.json for the operator.
// Simulations are cached by input, so repeated checks of planted-error copies reuse results.

import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { IamModel, NamedPolicy, RoleModel } from '../iam-model';
import { type PolicyDocument, SAMPLE_ACCOUNT_ID } from '../samples';
import { message } from '../tf-world';
import type { IntentCase, IntentResult } from './types';

const principalPolicy = (roleArn: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
});

/** Runs every case; a simulation error counts as a failed case (with the error as the result). */
export const runIntents = async (
  cases: readonly IntentCase[],
  model: IamModel,
  operatorPolicy: NamedPolicy | undefined,
  account: string = SAMPLE_ACCOUNT_ID
): Promise<IntentResult[]> => {
  const results: IntentResult[] = [];
  for (const intent of cases) {
    let outcome: Outcome;
    try {
      outcome = await simulate(intent, model, operatorPolicy, account);
    } catch (err) {
      outcome = { result: 'error', note: message(err) };
    }
    const ok =
      intent.expect === 'Allowed'
        ? outcome.result === 'Allowed'
        : outcome.result === 'ImplicitlyDenied' || outcome.result === 'ExplicitlyDenied';
    results.push({
      intent,
      actual: outcome.note ? `${outcome.result} (${outcome.note})` : outcome.result,
      ok,
    });
  }
  return results;
};

interface Outcome {
  readonly result: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' | 'error';
  readonly note?: string;
}

/** The resource policy AWS evaluates with a request on `resource` (key, bucket or queue policy). */
const resourcePolicyFor = (model: IamModel, resource: string): PolicyDocument | undefined =>
  model.resourcePolicies.find(
    (p) =>
      p.resourceArn !== undefined &&
      (resource === p.resourceArn || resource.startsWith(`${p.resourceArn}/`))
  )?.doc;

const globMatch = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  ).test(value);

/**
 * iam-data lists no resource types for HTTP API routes under apigateway:POST, so the simulator refuses
 * those requests. For them only, match statements by hand: an unconditioned Allow whose action and
 * resource globs match, and no Deny that matches.
 */
const staticMatch = (
  docs: readonly PolicyDocument[],
  action: string,
  resource: string
): Outcome => {
  const listOf = (v: string | string[] | undefined): string[] =>
    v === undefined ? [] : Array.isArray(v) ? v : [v];
  const matches = (st: PolicyDocument['Statement'][number]): boolean =>
    listOf(st.Action).some((a) => globMatch(a.toLowerCase(), action.toLowerCase())) &&
    listOf(st.Resource).some((r) => globMatch(r, resource));
  const statements = docs.flatMap((d) => d.Statement);
  if (statements.some((st) => st.Effect === 'Deny' && matches(st)))
    return { result: 'ExplicitlyDenied', note: 'static match' };
  const allowed = statements.some(
    (st) => st.Effect === 'Allow' && st.Condition === undefined && matches(st)
  );
  return {
    result: allowed ? 'Allowed' : 'ImplicitlyDenied',
    note: 'static match: iam-data has no HTTP API resource types',
  };
};

const simulate = async (
  intent: IntentCase,
  model: IamModel,
  operatorPolicy: NamedPolicy | undefined,
  account: string
): Promise<Outcome> => {
  if (intent.action.startsWith('unmapped:') || intent.action.startsWith('unevaluable:'))
    throw new Error(intent.id.replace(/ -> Allowed$/, ''));
  let principal: string;
  let identityPolicies: { name: string; policy: PolicyDocument }[];
  let permissionBoundaryPolicies: { name: string; policy: PolicyDocument }[] | undefined;
  let resourcePolicy: PolicyDocument | undefined = resourcePolicyFor(model, intent.resource);
  if (intent.subject === 'bootstrap-operator') {
    if (!operatorPolicy) throw new Error('bootstrap-operator.json was not loaded');
    principal = `arn:aws:iam::${account}:user/bootstrap-operator`;
    identityPolicies = [{ name: 'bootstrap-operator', policy: operatorPolicy.doc }];
  } else if (intent.subject.startsWith('trust:')) {
    const role = findRole(model, intent.subject.slice('trust:'.length));
    principal = intent.caller ?? '';
    identityPolicies = [{ name: 'assume', policy: principalPolicy(role.arn) }];
    resourcePolicy = role.trust.doc;
  } else {
    const role = findRole(model, intent.subject);
    principal = role.arn;
    identityPolicies = role.policies.map((p) => ({ name: p.name, policy: p.doc }));
    if (role.boundary)
      permissionBoundaryPolicies = [{ name: role.boundary.name, policy: role.boundary.doc }];
  }
  const resourceAccount = /^arn:aws:[^:]+:[^:]*:([0-9]{12}):/.exec(intent.resource)?.[1] ?? account;
  const result = await cachedSimulation(
    {
      request: {
        principal,
        action: intent.action,
        resource: { resource: intent.resource, accountId: resourceAccount },
        contextVariables: { ...(intent.context ?? {}) },
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
      ...(permissionBoundaryPolicies ? { permissionBoundaryPolicies } : {}),
    },
    {}
  );
  if (result.resultType === 'error') {
    if (
      intent.action.startsWith('apigateway:') &&
      /no\.resource\.types/.test(JSON.stringify(result.errors))
    )
      return staticMatch(
        [
          ...identityPolicies.map((p) => p.policy),
          ...(permissionBoundaryPolicies ?? []).map((p) => p.policy),
        ],
        intent.action,
        intent.resource
      );
    throw new Error(result.errors.message);
  }
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  return {
    result: result.overallResult,
    ...(ignored.length > 0
      ? { note: `context keys not applicable to the action: ${ignored.join(', ')}` }
      : {}),
  };
};

const simulationCache = new Map<string, Promise<Awaited<ReturnType<typeof runSimulation>>>>();

/** runSimulation is a pure function of its input; repeated checks (planted-error tests) reuse results. */
const cachedSimulation = (
  simulation: Parameters<typeof runSimulation>[0],
  options: Parameters<typeof runSimulation>[1]
): ReturnType<typeof runSimulation> => {
  const key = JSON.stringify(simulation);
  let hit = simulationCache.get(key);
  if (!hit) {
    hit = runSimulation(simulation, options);
    simulationCache.set(key, hit);
  }
  return hit;
};

const findRole = (model: IamModel, name: string): RoleModel => {
  const role = model.roles.find((r) => r.name === name);
  if (!role) throw new Error(`no role named ${name} in the rendered configuration`);
  return role;
};
