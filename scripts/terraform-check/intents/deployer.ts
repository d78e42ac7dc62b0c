// Explicit intents of the stack's deployer role: its prefix only, bounded roles only, write-only
// secrets, no KMS administration, its own state objects only; assumed by a listed principal with MFA.

import { type ExplicitKit, viaService } from './builders';
import type { IntentCase } from './types';

const OTHER_PREFIX = 'acme-prod';

export const deployerIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, trust } = k;
  const { deployer } = k.role;
  const bounded = { 'iam:PermissionsBoundary': d.boundaryArn };
  return [
    // Deployer: its prefix only, bounded roles only, write-only secrets, no KMS administration.
    c(deployer, 'create a queue of its prefix', 'Allowed', 'sqs:CreateQueue', a.queue('x')),
    c(
      deployer,
      'create a queue of another prefix',
      'Denied',
      'sqs:CreateQueue',
      `arn:aws:sqs:${d.region}:${d.account}:${OTHER_PREFIX}-x`
    ),
    c(
      deployer,
      'update code of another prefix',
      'Denied',
      'lambda:UpdateFunctionCode',
      `arn:aws:lambda:${d.region}:${d.account}:function:${OTHER_PREFIX}-x`
    ),
    c(
      deployer,
      'create a role with the runtime boundary',
      'Allowed',
      'iam:CreateRole',
      a.role('x'),
      bounded
    ),
    c(deployer, 'create a role without a boundary', 'Denied', 'iam:CreateRole', a.role('x')),
    c(deployer, 'create a role with another boundary', 'Denied', 'iam:CreateRole', a.role('x'), {
      'iam:PermissionsBoundary': `arn:aws:iam::${d.account}:policy/AdministratorAccess`,
    }),
    c(
      deployer,
      'create a role of another prefix',
      'Denied',
      'iam:CreateRole',
      `arn:aws:iam::${d.account}:role/${OTHER_PREFIX}-x`,
      bounded
    ),
    c(
      deployer,
      'add a policy to itself',
      'Denied',
      'iam:PutRolePolicy',
      a.role('deployer'),
      bounded
    ),
    c(
      deployer,
      'change its own trust policy',
      'Denied',
      'iam:UpdateAssumeRolePolicy',
      a.role('deployer'),
      bounded
    ),
    c(
      deployer,
      'remove a runtime role boundary',
      'Denied',
      'iam:DeleteRolePermissionsBoundary',
      a.role('x'),
      bounded
    ),
    c(deployer, 'pass a role to Lambda', 'Allowed', 'iam:PassRole', a.role('x'), {
      'iam:PassedToService': 'lambda.amazonaws.com',
    }),
    c(deployer, 'pass a role to EC2', 'Denied', 'iam:PassRole', a.role('x'), {
      'iam:PassedToService': 'ec2.amazonaws.com',
    }),
    c(
      deployer,
      'set a secret value',
      'Allowed',
      'secretsmanager:PutSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      deployer,
      'read a secret value',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      deployer,
      'decrypt with the stack key',
      'Denied',
      'kms:Decrypt',
      d.keyArn,
      viaService(d, 'secretsmanager')
    ),
    c(deployer, 'change the stack key policy', 'Denied', 'kms:PutKeyPolicy', d.keyArn),
    c(
      deployer,
      'schedule deletion of the stack key',
      'Denied',
      'kms:ScheduleKeyDeletion',
      d.keyArn
    ),
    c(
      deployer,
      'read the stack state',
      'Allowed',
      's3:GetObject',
      `arn:aws:s3:::${d.stateBucket}/${d.stateKeyPrefix}terraform.tfstate`
    ),
    c(
      deployer,
      'write the state lock file',
      'Allowed',
      's3:PutObject',
      `arn:aws:s3:::${d.stateBucket}/${d.stateKeyPrefix}terraform.tfstate.tflock`
    ),
    c(
      deployer,
      'read another state object',
      'Denied',
      's3:GetObject',
      `arn:aws:s3:::${d.stateBucket}/bootstrap/terraform.tfstate`
    ),
    c(
      deployer,
      'delete the state bucket',
      'Denied',
      's3:DeleteBucket',
      `arn:aws:s3:::${d.stateBucket}`
    ),
    c(deployer, 'read the audit table', 'Denied', 'dynamodb:Scan', a.table('audit')),

    // Assuming the deployer role: listed principal, with MFA.
    trust('deployer', 'AssumeRole with MFA', 'Allowed', d.deployerPrincipal, true),
    trust('deployer', 'AssumeRole without MFA', 'Denied', d.deployerPrincipal, false),
    trust(
      'deployer',
      'AssumeRole by an unlisted user',
      'Denied',
      `arn:aws:iam::${d.account}:user/mallory`,
      true
    ),
  ];
};
