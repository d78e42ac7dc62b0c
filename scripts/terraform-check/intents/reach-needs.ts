// The create-time permissions each resource type needs: the deployer's for the stack's resources and
// data sources, the bootstrap operator's for the bootstrap's. reach.ts turns them into cases.

import { materialize } from '../hcl-eval';
import type { InstanceRef } from '../tf-world';
import { attr } from './builders';
import type { Deployment } from './types';

/** One request the identity must be allowed to make. */
export interface Need {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

/** The needs of one resource instance, by resource (or data source) type. */
export type NeedsTable = Readonly<Record<string, (i: InstanceRef, d: Deployment) => Need[]>>;

const queueArnFromUrl = (url: string): string => {
  const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/([0-9]{12})\/(.+)$/.exec(url);
  if (!m) throw new Error(`not a queue URL: ${url}`);
  return `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}`;
};
const blockValue = (i: InstanceRef, block: string, name: string): string => {
  const blocks = materialize(i.value.get(block)) as Record<string, unknown>[];
  return String(blocks[0]?.[name]);
};

/** The create-time permissions the deployer needs for each stack resource type. */
export const DEPLOYER_NEEDS: NeedsTable = {
  aws_sqs_queue: (i) => [
    { action: 'sqs:CreateQueue', resource: attr(i, 'arn') },
    { action: 'sqs:SetQueueAttributes', resource: attr(i, 'arn') },
  ],
  aws_sqs_queue_policy: (i) => [
    { action: 'sqs:SetQueueAttributes', resource: queueArnFromUrl(attr(i, 'queue_url')) },
  ],
  aws_sqs_queue_redrive_allow_policy: (i) => [
    { action: 'sqs:SetQueueAttributes', resource: queueArnFromUrl(attr(i, 'queue_url')) },
  ],
  aws_dynamodb_table: (i) => [
    { action: 'dynamodb:CreateTable', resource: attr(i, 'arn') },
    { action: 'dynamodb:UpdateContinuousBackups', resource: attr(i, 'arn') },
    { action: 'dynamodb:UpdateTimeToLive', resource: attr(i, 'arn') },
    {
      action: 'kms:CreateGrant',
      resource: blockValue(i, 'server_side_encryption', 'kms_key_arn'),
      context: { 'kms:GrantIsForAWSResource': 'true' },
    },
  ],
  aws_secretsmanager_secret: (i) => [
    { action: 'secretsmanager:CreateSecret', resource: attr(i, 'arn') },
  ],
  aws_sns_topic: (i) => [{ action: 'sns:CreateTopic', resource: attr(i, 'arn') }],
  aws_sns_topic_subscription: (i) => [{ action: 'sns:Subscribe', resource: attr(i, 'topic_arn') }],
  aws_lambda_function: (i) => [
    { action: 'lambda:CreateFunction', resource: attr(i, 'arn') },
    {
      action: 'iam:PassRole',
      resource: attr(i, 'role'),
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    },
  ],
  aws_lambda_permission: (i, d) => [
    {
      action: 'lambda:AddPermission',
      resource: `arn:aws:lambda:${d.region}:${d.account}:function:${attr(i, 'function_name')}`,
    },
  ],
  aws_lambda_function_event_invoke_config: (i, d) => [
    {
      action: 'lambda:PutFunctionEventInvokeConfig',
      resource: `arn:aws:lambda:${d.region}:${d.account}:function:${attr(i, 'function_name')}`,
    },
  ],
  aws_lambda_event_source_mapping: (i) => [
    {
      action: 'lambda:CreateEventSourceMapping',
      resource: '*',
      context: { 'lambda:FunctionArn': attr(i, 'function_name') },
    },
  ],
  aws_cloudwatch_log_group: (i) => [
    { action: 'logs:CreateLogGroup', resource: attr(i, 'arn') },
    { action: 'logs:PutRetentionPolicy', resource: attr(i, 'arn') },
    { action: 'logs:AssociateKmsKey', resource: attr(i, 'arn') },
  ],
  aws_cloudwatch_metric_alarm: (i) => [
    { action: 'cloudwatch:PutMetricAlarm', resource: attr(i, 'arn') },
  ],
  aws_iam_role: (i) => [
    {
      action: 'iam:CreateRole',
      resource: attr(i, 'arn'),
      context: { 'iam:PermissionsBoundary': attr(i, 'permissions_boundary') },
    },
  ],
  aws_iam_role_policy: (i, d) => [
    {
      action: 'iam:PutRolePolicy',
      resource: `arn:aws:iam::${d.account}:role/${attr(i, 'role')}`,
      context: { 'iam:PermissionsBoundary': d.boundaryArn },
    },
  ],
  aws_scheduler_schedule_group: (i) => [
    { action: 'scheduler:CreateScheduleGroup', resource: attr(i, 'arn') },
  ],
  aws_scheduler_schedule: (i) => [
    { action: 'scheduler:CreateSchedule', resource: attr(i, 'arn') },
    {
      action: 'iam:PassRole',
      resource: blockValue(i, 'target', 'role_arn'),
      context: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    },
  ],
  aws_cloudwatch_event_rule: (i) => [{ action: 'events:PutRule', resource: attr(i, 'arn') }],
  aws_cloudwatch_event_target: (i, d) => [
    {
      action: 'events:PutTargets',
      resource: `arn:aws:events:${d.region}:${d.account}:rule/${attr(i, 'rule')}`,
    },
  ],
  aws_apigatewayv2_api: (_i, d) => [
    { action: 'apigateway:POST', resource: `arn:aws:apigateway:${d.region}::/apis` },
  ],
  aws_apigatewayv2_stage: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${attr(i, 'api_id')}/stages`,
    },
  ],
  aws_apigatewayv2_integration: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${attr(i, 'api_id')}/integrations`,
    },
  ],
  aws_apigatewayv2_route: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${attr(i, 'api_id')}/routes`,
    },
  ],
};

export const DEPLOYER_DATA_NEEDS: NeedsTable = {
  aws_kms_alias: () => [{ action: 'kms:ListAliases', resource: '*' }],
  aws_caller_identity: () => [],
  aws_partition: () => [],
  aws_region: () => [],
  aws_iam_policy_document: () => [],
};

/** The create-time permissions the bootstrap operator needs for each bootstrap resource type. */
export const OPERATOR_NEEDS: NeedsTable = {
  aws_s3_bucket: (i) => [
    { action: 's3:CreateBucket', resource: attr(i, 'arn') },
    { action: 's3:PutBucketTagging', resource: attr(i, 'arn') },
  ],
  aws_s3_bucket_ownership_controls: (i) => [
    { action: 's3:PutBucketOwnershipControls', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_s3_bucket_public_access_block: (i) => [
    { action: 's3:PutBucketPublicAccessBlock', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_s3_bucket_versioning: (i) => [
    { action: 's3:PutBucketVersioning', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_s3_bucket_server_side_encryption_configuration: (i) => [
    { action: 's3:PutEncryptionConfiguration', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_s3_bucket_lifecycle_configuration: (i) => [
    { action: 's3:PutLifecycleConfiguration', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_s3_bucket_policy: (i) => [
    { action: 's3:PutBucketPolicy', resource: `arn:aws:s3:::${attr(i, 'bucket')}` },
  ],
  aws_kms_key: (i, d) => [
    { action: 'kms:CreateKey', resource: '*', context: { 'aws:RequestTag/Application': d.prefix } },
    {
      action: 'kms:TagResource',
      resource: attr(i, 'arn'),
      context: { 'aws:RequestTag/Application': d.prefix },
    },
    {
      action: 'kms:EnableKeyRotation',
      resource: attr(i, 'arn'),
      context: { 'aws:ResourceTag/Application': d.prefix },
    },
  ],
  aws_kms_alias: (i, d) => [
    { action: 'kms:CreateAlias', resource: attr(i, 'arn') },
    {
      action: 'kms:CreateAlias',
      resource: attr(i, 'target_key_arn'),
      context: { 'aws:ResourceTag/Application': d.prefix },
    },
  ],
  aws_iam_role: (i) => [{ action: 'iam:CreateRole', resource: attr(i, 'arn') }],
  aws_iam_policy: (i) => [{ action: 'iam:CreatePolicy', resource: attr(i, 'arn') }],
  aws_iam_role_policy_attachment: (i, d) => [
    {
      action: 'iam:AttachRolePolicy',
      resource: `arn:aws:iam::${d.account}:role/${attr(i, 'role')}`,
    },
  ],
};

export const OPERATOR_DATA_NEEDS = DEPLOYER_DATA_NEEDS;
