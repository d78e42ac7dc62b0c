// Builders the intent modules share: sample ARNs of the deployment, the sample Partner Central
// resource of each action, DynamoDB leading keys, kms:ViaService, a world instance's string attribute,
// and the kit of case constructors every group of explicit intents is written with (explicitKit).

import { toStr } from '../hcl-eval';
import type { InstanceRef } from '../tf-world';
import type { Deployment, Expectation, IntentCase } from './types';

type Context = Record<string, string | string[]>;

/** Sample ARNs of the resources of the deployment's prefix. */
export interface Arns {
  readonly table: (t: string) => string;
  readonly queue: (q: string) => string;
  readonly topic: (t: string) => string;
  readonly fn: (f: string) => string;
  readonly role: (r: string) => string;
}

export const arns = (d: Deployment): Arns => ({
  table: (t) => `arn:aws:dynamodb:${d.region}:${d.account}:table/${d.prefix}-${t}`,
  queue: (q) => `arn:aws:sqs:${d.region}:${d.account}:${d.prefix}-${q}`,
  topic: (t) => `arn:aws:sns:${d.region}:${d.account}:${d.prefix}-${t}`,
  fn: (f) => `arn:aws:lambda:${d.region}:${d.account}:function:${d.prefix}-${f}`,
  role: (r) => `arn:aws:iam::${d.account}:role/${d.prefix}-${r}`,
});

/** A sample ARN in `catalog` for each Partner Central action the roles use ("*" for list actions). */
export const partnerCentralResource = (
  action: string,
  catalog: string,
  account: string
): string => {
  const base = 'arn:aws:partnercentral:us-east-1';
  const name = action.replace(/^partnercentral:/, '');
  if (name.startsWith('List')) return '*';
  if (/Opportunity$|OpportunitySummary$/.test(name) && !name.startsWith('StartEngagement'))
    return `${base}:${account}:catalog/${catalog}/opportunity/O1234567890`;
  if (/EngagementInvitation$/.test(name))
    return `${base}::catalog/${catalog}/engagement-invitation/engi-0000000001`;
  if (name === 'StartEngagementFromOpportunityTask')
    return `${base}::catalog/${catalog}/engagement-from-opportunity-task/task-0000000001`;
  if (name === 'StartEngagementByAcceptingInvitationTask')
    return `${base}::catalog/${catalog}/engagement-by-accepting-invitation-task/task-0000000001`;
  if (name === 'CreateEngagement' || name === 'GetEngagement')
    return `${base}::catalog/${catalog}/engagement/eng-0000000001`;
  if (name === 'CreateResourceSnapshot')
    return `${base}:${account}:catalog/${catalog}/engagement/eng-0000000001/resource/Opportunity/O1234567890/template/default/resource-snapshot/1`;
  if (name === 'CreateResourceSnapshotJob' || name === 'StartResourceSnapshotJob')
    return `${base}:${account}:catalog/${catalog}/resource-snapshot-job/job-0000000001`;
  throw new Error(`no sample Partner Central resource for ${action}`);
};

export const leading = (...keys: string[]) => ({ 'dynamodb:LeadingKeys': keys });
export const viaService = (d: Deployment, s: string) => ({
  'kms:ViaService': `${s}.${d.region}.amazonaws.com`,
});

/** A string attribute of an evaluated resource instance. */
export const attr = (i: InstanceRef, name: string): string =>
  toStr(i.value.get(name), `${i.address}.${name}`);

/** The runtime and deployment roles the explicit intents name. */
export interface Roles {
  readonly receiver: string;
  readonly reads: string;
  readonly writes: string;
  readonly submit: string;
  readonly update: string;
  readonly events: string;
  readonly reconcile: string;
  readonly orchestrator: string;
  readonly worker: string;
  readonly drift: string;
  readonly deployer: string;
  readonly ops: string;
}

/** What each group of explicit intents is written with. */
export interface ExplicitKit {
  readonly d: Deployment;
  readonly a: Arns;
  /** `<prefix>-<name>`: the name of a role of the deployment. */
  readonly r: (name: string) => string;
  readonly role: Roles;
  /** The entity-mappings table. */
  readonly mappings: string;
  /** One explicit case, id `<subject>: <what> -> <expect>`. */
  readonly c: (
    subject: string,
    what: string,
    expect: Expectation,
    action: string,
    resource: string,
    context?: Context
  ) => IntentCase;
  /** A Partner Central `action` on its sample resource in `catalog` (default: the configured one). */
  readonly p: (
    subject: string,
    what: string,
    expect: Expectation,
    action: string,
    catalog?: string
  ) => IntentCase;
  /** A Partner Central `action` on a configured-catalog resource with the other catalog in the request. */
  readonly crossCatalog: (subject: string, what: string, action: string) => IntentCase;
  /** AssumeRole of `<prefix>-<role>` by `caller`, with or without MFA. */
  readonly trust: (
    role: string,
    what: string,
    expect: Expectation,
    caller: string,
    mfa: boolean
  ) => IntentCase;
}

export const explicitKit = (d: Deployment): ExplicitKit => {
  const a = arns(d);
  const r = (name: string): string => `${d.prefix}-${name}`;
  const pc = (action: string, catalog = d.catalog) => ({
    action: `partnercentral:${action}`,
    resource: partnerCentralResource(`partnercentral:${action}`, catalog, d.account),
    context: { 'partnercentral:Catalog': catalog },
  });
  const c: ExplicitKit['c'] = (subject, what, expect, action, resource, context) => ({
    id: `${subject}: ${what} -> ${expect}`,
    kind: 'explicit',
    subject,
    action,
    resource,
    expect,
    ...(context ? { context } : {}),
  });
  return {
    d,
    a,
    r,
    role: {
      receiver: r('hubspot-webhook-receiver-receiver'),
      reads: r('ui-ext-reads-reads'),
      writes: r('ui-ext-writes-writes'),
      submit: r('ace-submitter-submit'),
      update: r('ace-submitter-update'),
      events: r('ace-submitter-events'),
      reconcile: r('ace-submitter-reconcile'),
      orchestrator: r('govwin-poller-orchestrator'),
      worker: r('govwin-poller-worker'),
      drift: r('cli-drift-report'),
      deployer: r('deployer'),
      ops: r('operator'),
    },
    mappings: a.table('entity-mappings'),
    c,
    p: (subject, what, expect, action, catalog) => {
      const x = pc(action, catalog);
      return c(subject, what, expect, x.action, x.resource, x.context);
    },
    crossCatalog: (subject, what, action) =>
      c(subject, what, 'Denied', pc(action).action, pc(action).resource, {
        'partnercentral:Catalog': d.otherCatalog,
      }),
    trust: (role, what, expect, caller, mfa) => ({
      id: `trust:${r(role)}: ${what} -> ${expect}`,
      kind: 'explicit',
      subject: `trust:${r(role)}`,
      caller,
      action: 'sts:AssumeRole',
      resource: a.role(role),
      context: { 'aws:MultiFactorAuthPresent': String(mfa) },
      expect,
    }),
  };
};
