// Explicit intents of the bootstrap operator (terraform/bootstrap/policies/bootstrap-operator.json):
// it may create the project's bootstrap resources (state bucket, deployer role, a key tagged for the
// project) and nothing of another application.

import type { ExplicitKit } from './builders';
import type { IntentCase } from './types';

export const bootstrapOperatorIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c } = k;
  const op = 'bootstrap-operator';
  return [
    // Bootstrap operator (policies/bootstrap-operator.json): the project's bootstrap resources only.
    c(op, 'create the state bucket', 'Allowed', 's3:CreateBucket', `arn:aws:s3:::${d.stateBucket}`),
    c(op, 'create another bucket', 'Denied', 's3:CreateBucket', 'arn:aws:s3:::customer-data'),
    c(op, 'create the deployer role', 'Allowed', 'iam:CreateRole', a.role('deployer')),
    c(op, 'create an administrator role', 'Denied', 'iam:CreateRole', a.role('admin')),
    c(
      op,
      'attach a policy to another role',
      'Denied',
      'iam:AttachRolePolicy',
      `arn:aws:iam::${d.account}:role/OrganizationAccountAccessRole`
    ),
    c(op, 'create a key tagged for the project', 'Allowed', 'kms:CreateKey', '*', {
      'aws:RequestTag/Application': d.prefix,
    }),
    c(op, 'create an untagged key', 'Denied', 'kms:CreateKey', '*'),
    c(
      op,
      'change the policy of a key of another application',
      'Denied',
      'kms:PutKeyPolicy',
      `arn:aws:kms:${d.region}:${d.account}:key/0000aaaa-0000-0000-0000-000000000000`,
      { 'aws:ResourceTag/Application': 'payroll' }
    ),
  ];
};
