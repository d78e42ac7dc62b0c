// Collects what IAM will see after an apply: every role with its trust policy, inline and attached
// policies and permissions boundary, every managed policy, and every resource policy (KMS key, bucket,
// queue). All documents come from the evaluated world, i.e. they are the rendered
// aws_iam_policy_document JSON with sample account and resource ids.

import type { Findings } from './findings';
import { type Lazy, toStr, type Value } from './hcl-eval';
import type { PolicyDocument } from './samples';
import { type InstanceRef, message, type World } from './tf-world';

export interface NamedPolicy {
  /** IAM policy name (inline) or managed policy name. */
  readonly name: string;
  /** Root label + Terraform address of the resource that creates it. */
  readonly address: string;
  readonly kind: 'inline' | 'managed' | 'boundary' | 'trust' | 'resource' | 'file';
  readonly doc: PolicyDocument;
  /** For resource policies: the ARN of the key, bucket or queue the policy is attached to. */
  readonly resourceArn?: string;
}

export interface RoleModel {
  readonly root: string;
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly trust: NamedPolicy;
  readonly boundary: NamedPolicy | undefined;
  /** Inline and attached managed policies. */
  readonly policies: readonly NamedPolicy[];
}

export interface IamModel {
  readonly roles: readonly RoleModel[];
  readonly managed: readonly NamedPolicy[];
  /** Key, bucket and queue policies. */
  readonly resourcePolicies: readonly NamedPolicy[];
}

const get = (i: InstanceRef, attr: string): Value => i.value.get(attr);
const str = (i: InstanceRef, attr: string): string => toStr(get(i, attr), `${i.address}.${attr}`);
const where = (i: InstanceRef): string => `${i.module.rootLabel()}:${i.address}`;

const parseDoc = (i: InstanceRef, attr: string): PolicyDocument => {
  const raw = str(i, attr);
  const doc = JSON.parse(raw) as PolicyDocument;
  if (!Array.isArray(doc.Statement))
    throw new Error(`${where(i)}.${attr} is not a policy document`);
  return doc;
};

const hasAttr = (i: InstanceRef, attr: string): boolean => (i.value as Lazy).has(attr);

/** Builds the IAM model; evaluation problems become findings (and the affected item is skipped). */
export const buildIamModel = (world: World, findings: Findings): IamModel => {
  const safe = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      findings.error('evaluate', what, message(err));
      return undefined;
    }
  };

  const managed: NamedPolicy[] = [];
  const managedByArn = new Map<string, NamedPolicy>();
  for (const i of world.instancesOf('resource', 'aws_iam_policy')) {
    const p = safe(where(i), () => ({
      arn: str(i, 'arn'),
      policy: {
        name: str(i, 'name'),
        address: where(i),
        kind: 'managed' as const,
        doc: parseDoc(i, 'policy'),
      },
    }));
    if (!p) continue;
    managed.push(p.policy);
    managedByArn.set(p.arn, p.policy);
  }

  const inlineByRole = new Map<string, NamedPolicy[]>();
  for (const i of world.instancesOf('resource', 'aws_iam_role_policy')) {
    const p = safe(where(i), () => ({
      role: str(i, 'role'),
      policy: {
        name: str(i, 'name'),
        address: where(i),
        kind: 'inline' as const,
        doc: parseDoc(i, 'policy'),
      },
    }));
    if (p) inlineByRole.set(p.role, [...(inlineByRole.get(p.role) ?? []), p.policy]);
  }

  const attachedByRole = new Map<string, NamedPolicy[]>();
  for (const i of world.instancesOf('resource', 'aws_iam_role_policy_attachment')) {
    const a = safe(where(i), () => ({ role: str(i, 'role'), arn: str(i, 'policy_arn') }));
    if (!a) continue;
    const policy = managedByArn.get(a.arn);
    if (!policy) {
      findings.error('iam', where(i), `attaches ${a.arn}, which no evaluated root creates`);
      continue;
    }
    attachedByRole.set(a.role, [...(attachedByRole.get(a.role) ?? []), policy]);
  }

  const roles: RoleModel[] = [];
  for (const i of world.instancesOf('resource', 'aws_iam_role')) {
    const role = safe(where(i), (): RoleModel => {
      const name = str(i, 'name');
      let boundary: NamedPolicy | undefined;
      if (hasAttr(i, 'permissions_boundary')) {
        const arn = str(i, 'permissions_boundary');
        const found = managedByArn.get(arn);
        if (!found)
          throw new Error(`permissions boundary ${arn} is not created by any evaluated root`);
        boundary = { ...found, kind: 'boundary' };
      }
      return {
        root: i.module.rootLabel(),
        address: where(i),
        name,
        arn: str(i, 'arn'),
        trust: {
          name: `${name} trust`,
          address: where(i),
          kind: 'trust',
          doc: parseDoc(i, 'assume_role_policy'),
        },
        boundary,
        policies: [...(inlineByRole.get(name) ?? []), ...(attachedByRole.get(name) ?? [])],
      };
    });
    if (role) roles.push(role);
  }
  for (const roleName of [...inlineByRole.keys(), ...attachedByRole.keys()])
    if (!roles.some((r) => r.name === roleName))
      findings.error('iam', roleName, 'a policy is attached to a role no evaluated root creates');

  const resourcePolicies: NamedPolicy[] = [];
  for (const i of world.instancesOf('resource', 'aws_kms_key')) {
    const p = safe(where(i), (): NamedPolicy => {
      const arn = str(i, 'arn');
      // A key created without a policy gets the default key policy: the account root may use IAM.
      // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
      const doc: PolicyDocument = hasAttr(i, 'policy')
        ? parseDoc(i, 'policy')
        : {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'EnableIamPolicies',
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${arn.split(':')[4]}:root` },
                Action: 'kms:*',
                Resource: '*',
              },
            ],
          };
      return { name: 'key policy', address: where(i), kind: 'resource', doc, resourceArn: arn };
    });
    if (p) resourcePolicies.push(p);
  }
  for (const i of world.instancesOf('resource', 'aws_s3_bucket_policy')) {
    const p = safe(
      where(i),
      (): NamedPolicy => ({
        name: 'bucket policy',
        address: where(i),
        kind: 'resource',
        doc: parseDoc(i, 'policy'),
        resourceArn: `arn:aws:s3:::${str(i, 'bucket')}`,
      })
    );
    if (p) resourcePolicies.push(p);
  }
  for (const i of world.instancesOf('resource', 'aws_sqs_queue_policy')) {
    const p = safe(where(i), (): NamedPolicy => {
      const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/([0-9]{12})\/(.+)$/.exec(
        str(i, 'queue_url')
      );
      if (!m) throw new Error('queue_url is not a queue URL');
      return {
        name: 'queue policy',
        address: where(i),
        kind: 'resource',
        doc: parseDoc(i, 'policy'),
        resourceArn: `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}`,
      };
    });
    if (p) resourcePolicies.push(p);
  }

  return { roles, managed, resourcePolicies };
};
