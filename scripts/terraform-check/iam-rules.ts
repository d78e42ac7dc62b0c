// Rules every rendered IAM document must satisfy, checked against the IAM reference data that ships
// with @cloud-copilot/iam-simulate (a test-only, AGPL devDependency; never bundled):
//   - every action exists; no wildcard actions in Allow statements; no NotAction/NotResource allows;
//   - `"Resource": "*"` only for actions that have no resource type AND are on the documented list
//     below (mirrored in terraform/README.md, "Wildcard exceptions");
//   - every Partner Central grant of a runtime role is pinned to the deployment's catalog;
//   - key-policy grants to AWS services carry a service/source condition; no Allow to Principal "*";
//   - IAM size quotas (inline per role 10,240, managed 6,144, trust 2,048 characters without spaces).

import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import type { Findings } from './findings';
import type { IamModel, NamedPolicy } from './iam-model';
import type { PolicyStatement } from './samples';

/**
 * Actions allowed on `"Resource": "*"`, each with the reason. Every one must also be wildcard-only in
 * the IAM reference data (checked), so a listed action that gains a resource type fails the check.
 */
export const WILDCARD_RESOURCE_EXCEPTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray has no resource types; every function sends traces.',
  'xray:PutTelemetryRecords': 'X-Ray has no resource types; every function sends traces.',
  'partnercentral:ListSolutions':
    'List operation without a resource type; pinned by the partnercentral:Catalog condition.',
  'partnercentral:ListOpportunities':
    'List operation without a resource type; pinned by the partnercentral:Catalog condition.',
  'partnercentral:ListEngagementByAcceptingInvitationTasks':
    'List operation without a resource type; pinned by the partnercentral:Catalog condition.',
  'partnercentral:ListEngagementFromOpportunityTasks':
    'List operation without a resource type; pinned by the partnercentral:Catalog condition.',
  'partnercentral:ListEngagementInvitations':
    'List operation without a resource type; pinned by the partnercentral:Catalog condition.',
  'lambda:CreateEventSourceMapping':
    'No resource type (mapping ARNs are random); the deployer scopes it with the lambda:FunctionArn condition.',
  'logs:DescribeLogGroups':
    'No resource type; the provider reads log groups with it (region-conditioned).',
  'logs:CreateLogDelivery':
    'API Gateway access logging requires it of the caller; no resource type.',
  'logs:GetLogDelivery': 'API Gateway access logging requires it of the caller; no resource type.',
  'logs:UpdateLogDelivery':
    'API Gateway access logging requires it of the caller; no resource type.',
  'logs:DeleteLogDelivery':
    'API Gateway access logging requires it of the caller; no resource type.',
  'logs:ListLogDeliveries':
    'API Gateway access logging requires it of the caller; no resource type.',
  'logs:PutResourcePolicy':
    'API Gateway access logging requires it of the caller; no resource type.',
  'logs:DescribeResourcePolicies':
    'API Gateway access logging requires it of the caller; no resource type.',
  'kms:ListAliases': 'No resource type; the stack finds its key by alias.',
  'kms:CreateKey':
    'No resource type; bootstrap operator only, conditioned on aws:RequestTag/Application.',
};

/** Resource-policy statements whose wildcard action is intended, by sid. */
export const ACTION_WILDCARD_EXCEPTIONS: Readonly<Record<string, string>> = {
  EnableIamPolicies:
    'KMS key policy: the account root gets kms:* so that IAM policies can grant use of the key (AWS default key policy).',
};

const MAX_INLINE_PER_ROLE = 10_240;
const MAX_MANAGED = 6_144;
const MAX_TRUST = 2_048;
const MAX_MANAGED_PER_ROLE = 10;

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** IAM counts policy size without whitespace. */
export const policySize = (doc: unknown): number => JSON.stringify(doc).replace(/\s+/g, '').length;

const actionCache = new Map<string, Promise<boolean | Error>>();

/** true/false = the action exists and is/is not wildcard-only; Error = unknown action. */
export const wildcardOnly = (action: string): Promise<boolean | Error> => {
  const key = action.toLowerCase();
  let hit = actionCache.get(key);
  if (!hit) {
    const [service, name] = action.split(':');
    hit =
      service && name
        ? isWildcardOnlyAction(service, name).catch((err: unknown) =>
            err instanceof Error ? err : new Error(String(err))
          )
        : Promise.resolve(new Error('not service:action'));
    actionCache.set(key, hit);
  }
  return hit;
};

const statementLabel = (p: NamedPolicy, s: PolicyStatement, i: number): string =>
  `${p.address} (${p.kind} ${p.name}) statement ${s.Sid ?? `#${i}`}`;

/** Checks one identity-policy document (inline, managed, boundary or the operator's JSON). */
const checkIdentityDoc = async (
  p: NamedPolicy,
  findings: Findings,
  opts: { catalog: string | undefined }
): Promise<void> => {
  const sids = new Set<string>();
  for (const [i, s] of p.doc.Statement.entries()) {
    const where = statementLabel(p, s, i);
    if (s.Sid !== undefined) {
      if (!/^[A-Za-z0-9]+$/.test(s.Sid)) findings.error('iam', where, 'sid must be alphanumeric');
      if (sids.has(s.Sid)) findings.error('iam', where, `duplicate sid ${s.Sid}`);
      sids.add(s.Sid);
    }
    if (s.Principal !== undefined || s.NotPrincipal !== undefined)
      findings.error('iam', where, 'identity policies must not name principals');
    const actions = list(s.Action);
    for (const a of actions) {
      if (a.includes('*') || a.includes('?')) {
        if (s.Effect === 'Allow')
          findings.error('iam-wildcard', where, `wildcard action ${a} in an Allow statement`);
        continue;
      }
      const known = await wildcardOnly(a);
      if (known instanceof Error) findings.error('iam', where, `unknown action ${a}`);
    }
    if (s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined || s.NotResource !== undefined)
      findings.error(
        'iam-wildcard',
        where,
        'NotAction/NotResource in an Allow statement grants too much'
      );
    if (actions.length === 0 || list(s.Resource).length === 0)
      findings.error('iam', where, 'an Allow statement needs actions and resources');
    if (list(s.Resource).includes('*')) {
      for (const a of actions) {
        const only = await wildcardOnly(a);
        if (only instanceof Error) continue;
        if (!only)
          findings.error(
            'iam-wildcard',
            where,
            `${a} has resource types; "Resource": "*" is not allowed for it (use ARNs)`
          );
        else if (!(a in WILDCARD_RESOURCE_EXCEPTIONS))
          findings.error(
            'iam-wildcard',
            where,
            `${a} on "*" is not on the documented wildcard exception list`
          );
      }
    }
    for (const r of list(s.Resource))
      if (r !== '*' && /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r))
        findings.error('iam-wildcard', where, `resource ${r} is a whole-service wildcard`);
    if (opts.catalog !== undefined && actions.some((a) => a.startsWith('partnercentral:'))) {
      const pinned = s.Condition?.StringEquals?.['partnercentral:Catalog'];
      if (list(pinned).length !== 1 || list(pinned)[0] !== opts.catalog)
        findings.error(
          'iam-catalog',
          where,
          `Partner Central grant must carry StringEquals partnercentral:Catalog = "${opts.catalog}"`
        );
    }
  }
};

const checkResourceDoc = async (p: NamedPolicy, findings: Findings): Promise<void> => {
  for (const [i, s] of p.doc.Statement.entries()) {
    const where = statementLabel(p, s, i);
    for (const a of list(s.Action)) {
      if (a.includes('*')) {
        if (s.Effect === 'Allow' && !(s.Sid && s.Sid in ACTION_WILDCARD_EXCEPTIONS))
          findings.error('iam-wildcard', where, `wildcard action ${a} in an Allow statement`);
        continue;
      }
      if ((await wildcardOnly(a)) instanceof Error)
        findings.error('iam', where, `unknown action ${a}`);
    }
    if (s.Effect !== 'Allow') continue;
    const principal = s.Principal;
    if (principal === '*' || list(principal?.AWS).includes('*'))
      findings.error('iam', where, 'Allow to Principal "*"');
    const services = list(principal && principal !== '*' ? principal.Service : undefined);
    if (services.length > 0 && p.kind === 'resource') {
      const keys = Object.values(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
      const scoped = keys.some(
        (k) =>
          k === 'kms:ViaService' ||
          k.startsWith('kms:EncryptionContext:') ||
          k === 'aws:SourceAccount' ||
          k === 'aws:SourceArn'
      );
      if (!scoped)
        findings.error(
          'iam-service-scope',
          where,
          `grant to ${services.join(', ')} needs a kms:ViaService, encryption-context, aws:SourceAccount or aws:SourceArn condition`
        );
    }
  }
};

/** Applies every rule to the model; `catalogByRoot` gives each root's configured ACE catalog. */
export const checkIamRules = async (
  model: IamModel,
  findings: Findings,
  catalogByRoot: ReadonlyMap<string, string>,
  extraIdentityDocs: readonly NamedPolicy[] = []
): Promise<void> => {
  const boundaries = new Set(model.roles.flatMap((r) => (r.boundary ? [r.boundary.address] : [])));
  for (const p of model.managed) {
    const isBoundary = boundaries.has(p.address);
    // The boundary caps the action set only; the catalog is pinned by each role's own policy.
    await checkIdentityDoc(p, findings, { catalog: undefined });
    if (policySize(p.doc) > MAX_MANAGED)
      findings.error(
        'iam-size',
        p.address,
        `${isBoundary ? 'boundary' : 'managed'} policy is ${policySize(p.doc)} characters (limit ${MAX_MANAGED})`
      );
  }
  for (const p of extraIdentityDocs) await checkIdentityDoc(p, findings, { catalog: undefined });
  for (const role of model.roles) {
    const catalog = catalogByRoot.get(role.root);
    for (const p of role.policies)
      if (p.kind === 'inline') await checkIdentityDoc(p, findings, { catalog });
    // Attached managed policies of runtime roles would also need the catalog pin.
    for (const p of role.policies)
      if (
        p.kind === 'managed' &&
        catalog !== undefined &&
        p.doc.Statement.some((s) => list(s.Action).some((a) => a.startsWith('partnercentral:')))
      )
        await checkIdentityDoc(p, findings, { catalog });
    const inlineSize = role.policies
      .filter((p) => p.kind === 'inline')
      .reduce((n, p) => n + policySize(p.doc), 0);
    if (inlineSize > MAX_INLINE_PER_ROLE)
      findings.error(
        'iam-size',
        role.address,
        `inline policies total ${inlineSize} characters (limit ${MAX_INLINE_PER_ROLE})`
      );
    const attached = role.policies.filter((p) => p.kind === 'managed').length;
    if (attached > MAX_MANAGED_PER_ROLE)
      findings.error(
        'iam-size',
        role.address,
        `${attached} managed policies attached (default quota ${MAX_MANAGED_PER_ROLE})`
      );
    if (policySize(role.trust.doc) > MAX_TRUST)
      findings.error(
        'iam-size',
        role.address,
        `trust policy is ${policySize(role.trust.doc)} characters (limit ${MAX_TRUST})`
      );
    await checkResourceDoc(role.trust, findings);
    for (const s of role.trust.doc.Statement) {
      const services = list(s.Principal && s.Principal !== '*' ? s.Principal.Service : undefined);
      if (
        services.includes('scheduler.amazonaws.com') &&
        !s.Condition?.StringEquals?.['aws:SourceAccount']
      )
        findings.error(
          'iam-service-scope',
          role.address,
          'scheduler trust needs an aws:SourceAccount condition (confused deputy)'
        );
    }
  }
  for (const p of model.resourcePolicies) await checkResourceDoc(p, findings);
};
