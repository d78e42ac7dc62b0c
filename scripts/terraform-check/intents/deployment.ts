// Reads the facts about the deployment that the intent cases are written against (prefix, catalogs,
// key, boundary, secrets, state bucket, deployer principal) from the evaluated world.

import { type Lazy, materialize, toStr, type Value } from '../hcl-eval';
import { SAMPLE_ACCOUNT_ID } from '../samples';
import type { World } from '../tf-world';
import type { Deployment } from './types';

/** Reads the deployment facts the cases need from the evaluated world. */
export const deploymentFacts = (world: World): Deployment => {
  const stack = world.root('stack');
  const bootstrap = world.root('bootstrap');
  const prefix = toStr(stack.local('name_prefix'), 'stack name_prefix');
  const catalog = toStr(stack.variable('ace_catalog'), 'ace_catalog');
  const secrets = new Map<string, string>();
  for (const i of world.instancesOf('resource', 'aws_secretsmanager_secret'))
    secrets.set(toStr(i.value.get('name')), toStr(i.value.get('arn')));
  const stateBucket = (bootstrap.scope('aws_s3_bucket') as Lazy).get('state') as Lazy;
  const principals = materialize(
    bootstrap.variable('deployer_principal_arns') as Value
  ) as string[];
  return {
    prefix,
    project: toStr(stack.variable('project'), 'project'),
    region: world.region(stack),
    account: SAMPLE_ACCOUNT_ID,
    catalog,
    otherCatalog: catalog === 'Sandbox' ? 'AWS' : 'Sandbox',
    keyArn: toStr(stack.local('kms_key_arn'), 'kms_key_arn'),
    boundaryArn: toStr(stack.local('permissions_boundary_arn'), 'permissions_boundary_arn'),
    secretArn: (purpose) => {
      const arn = secrets.get(`${prefix}-${purpose}`);
      if (!arn) throw new Error(`no secret named ${prefix}-${purpose}`);
      return arn;
    },
    stateBucket: toStr(stateBucket.get('bucket'), 'state bucket'),
    stateKeyPrefix: toStr(bootstrap.variable('state_key_prefix'), 'state_key_prefix'),
    deployerPrincipal: principals[0] ?? '',
  };
};
