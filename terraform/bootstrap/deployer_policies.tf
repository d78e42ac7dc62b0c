# ---------------------------------------------------------------------------------------------------
# State: the stack's state objects (and .tflock) only, through the state key.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_state" {
  statement {
    sid       = "ListStateBucket"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket"]
    resources = [aws_s3_bucket.state.arn]
  }

  statement {
    sid       = "ReadWriteStateObjects"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.state.arn}/${var.state_key_prefix}*"]
  }

  statement {
    sid       = "UseStateKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.state.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# Compute: functions, their triggers and log groups, schedules, rules, the HTTP API.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_compute" {
  statement {
    sid = "ManageFunctions"
    actions = [
      "lambda:AddPermission",
      "lambda:CreateFunction",
      "lambda:DeleteFunction",
      "lambda:DeleteFunctionConcurrency",
      "lambda:DeleteFunctionEventInvokeConfig",
      "lambda:GetFunction",
      "lambda:GetFunctionCodeSigningConfig",
      "lambda:GetFunctionConcurrency",
      "lambda:GetFunctionConfiguration",
      "lambda:GetFunctionEventInvokeConfig",
      "lambda:GetPolicy",
      "lambda:InvokeFunction",
      "lambda:ListTags",
      "lambda:ListVersionsByFunction",
      "lambda:PutFunctionConcurrency",
      "lambda:PutFunctionEventInvokeConfig",
      "lambda:RemovePermission",
      "lambda:TagResource",
      "lambda:UntagResource",
      "lambda:UpdateFunctionCode",
      "lambda:UpdateFunctionConfiguration",
    ]
    resources = ["${local.arn.lambda}:function:${local.name_prefix}-*"]
  }

  # Mapping ARNs carry a random UUID, so they are scoped by the function they feed instead.
  statement {
    sid       = "CreateQueueTriggers"
    actions   = ["lambda:CreateEventSourceMapping"]
    resources = ["*"]

    condition {
      test     = "ArnLike"
      variable = "lambda:FunctionArn"
      values   = ["${local.arn.lambda}:function:${local.name_prefix}-*"]
    }
  }

  statement {
    sid       = "ManageQueueTriggers"
    actions   = ["lambda:DeleteEventSourceMapping", "lambda:GetEventSourceMapping", "lambda:UpdateEventSourceMapping"]
    resources = ["${local.arn.lambda}:event-source-mapping:*"]

    condition {
      test     = "ArnLike"
      variable = "lambda:FunctionArn"
      values   = ["${local.arn.lambda}:function:${local.name_prefix}-*"]
    }
  }

  statement {
    sid = "ManageLogGroups"
    actions = [
      "logs:AssociateKmsKey",
      "logs:CreateLogGroup",
      "logs:DeleteLogGroup",
      "logs:DeleteRetentionPolicy",
      "logs:DisassociateKmsKey",
      "logs:ListTagsForResource",
      "logs:PutRetentionPolicy",
      "logs:TagResource",
      "logs:UntagResource",
    ]
    resources = [
      "${local.arn.logs}:log-group:/aws/lambda/${local.name_prefix}-*",
      "${local.arn.logs}:log-group:/aws/apigateway/${local.name_prefix}-*",
    ]
  }

  # Reading the deployment's logs (ids, status codes and durations only, never payloads) for the
  # post-deploy smoke test.
  statement {
    sid     = "ReadOwnLogs"
    actions = ["logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents"]
    resources = [
      "${local.arn.logs}:log-group:/aws/lambda/${local.name_prefix}-*",
      "${local.arn.logs}:log-group:/aws/apigateway/${local.name_prefix}-*",
    ]
  }

  # Wildcard-only actions: DescribeLogGroups (provider reads) and the log-delivery actions API Gateway
  # requires of whoever configures access logging.
  # https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
  statement {
    sid = "DescribeLogsAndDeliveries"
    actions = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [local.region]
    }
  }

  statement {
    sid = "ManageRules"
    actions = [
      "events:DeleteRule",
      "events:DescribeRule",
      "events:DisableRule",
      "events:EnableRule",
      "events:ListTagsForResource",
      "events:ListTargetsByRule",
      "events:PutRule",
      "events:PutTargets",
      "events:RemoveTargets",
      "events:TagResource",
      "events:UntagResource",
    ]
    resources = ["${local.arn.events}:rule/${local.name_prefix}-*"]
  }

  statement {
    sid = "ManageSchedules"
    actions = [
      "scheduler:CreateSchedule",
      "scheduler:CreateScheduleGroup",
      "scheduler:DeleteSchedule",
      "scheduler:DeleteScheduleGroup",
      "scheduler:GetSchedule",
      "scheduler:GetScheduleGroup",
      "scheduler:ListTagsForResource",
      "scheduler:TagResource",
      "scheduler:UntagResource",
      "scheduler:UpdateSchedule",
    ]
    resources = [
      "${local.arn.scheduler}:schedule-group/${local.name_prefix}-*",
      "${local.arn.scheduler}:schedule/${local.name_prefix}-*/*",
    ]
  }

  # HTTP API ids are random, so API Gateway is scoped to the region's /apis tree (documented exception).
  statement {
    sid       = "ManageHttpApis"
    actions   = ["apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
    resources = ["${local.arn.api}:/apis", "${local.arn.api}:/apis/*", "${local.arn.api}:/tags/*"]
  }
}

# ---------------------------------------------------------------------------------------------------
# Messaging: queues, the alerts topic, alarms.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_messaging" {
  statement {
    sid = "ManageQueues"
    actions = [
      "sqs:CreateQueue",
      "sqs:DeleteQueue",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:ListQueueTags",
      "sqs:SetQueueAttributes",
      "sqs:TagQueue",
      "sqs:UntagQueue",
    ]
    resources = ["${local.arn.sqs}:${local.name_prefix}-*"]
  }

  statement {
    sid = "ManageTopic"
    actions = [
      "sns:CreateTopic",
      "sns:DeleteTopic",
      "sns:GetSubscriptionAttributes",
      "sns:GetTopicAttributes",
      "sns:ListSubscriptionsByTopic",
      "sns:ListTagsForResource",
      "sns:SetSubscriptionAttributes",
      "sns:SetTopicAttributes",
      "sns:Subscribe",
      "sns:TagResource",
      "sns:Unsubscribe",
      "sns:UntagResource",
    ]
    resources = ["${local.arn.sns}:${local.name_prefix}-*"]
  }

  statement {
    sid = "ManageAlarms"
    actions = [
      "cloudwatch:DeleteAlarms",
      "cloudwatch:DescribeAlarms",
      "cloudwatch:ListTagsForResource",
      "cloudwatch:PutMetricAlarm",
      "cloudwatch:TagResource",
      "cloudwatch:UntagResource",
    ]
    resources = ["${local.arn.alarms}:alarm:${local.name_prefix}-*"]
  }
}

# ---------------------------------------------------------------------------------------------------
# Data: tables, secrets (write-only: the deployer can set a secret but never read one), the stack key.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_data" {
  statement {
    sid = "ManageTables"
    actions = [
      "dynamodb:CreateTable",
      "dynamodb:DeleteTable",
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
      "dynamodb:TagResource",
      "dynamodb:UntagResource",
      "dynamodb:UpdateContinuousBackups",
      "dynamodb:UpdateTable",
      "dynamodb:UpdateTimeToLive",
    ]
    resources = ["${local.arn.dynamodb}:table/${local.name_prefix}-*"]
  }

  statement {
    sid = "ManageSecrets"
    actions = [
      "secretsmanager:CreateSecret",
      "secretsmanager:DeleteSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:PutSecretValue",
      "secretsmanager:TagResource",
      "secretsmanager:UntagResource",
      "secretsmanager:UpdateSecret",
    ]
    resources = ["${local.arn.secrets}:secret:${local.name_prefix}-*"]
  }

  statement {
    sid       = "DescribeStackKey"
    actions   = ["kms:DescribeKey"]
    resources = [module.kms.key_arn]
  }

  # The stack finds its key by alias (data.aws_kms_alias); ListAliases has no resource type.
  statement {
    sid       = "FindStackKeyAlias"
    actions   = ["kms:ListAliases"]
    resources = ["*"]
  }

  # DynamoDB creates its grant on the key when a CMK-encrypted table is created.
  statement {
    sid       = "GrantKeyToAwsServices"
    actions   = ["kms:CreateGrant"]
    resources = [module.kms.key_arn]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  statement {
    sid       = "EncryptSecretValues"
    actions   = ["kms:GenerateDataKey"]
    resources = [module.kms.key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# IAM: runtime roles only, and only under the runtime boundary. Without the boundary condition the
# deployer could mint an administrator role and run code as it.
# https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_iam" {
  statement {
    sid = "ManageBoundedRoles"
    actions = [
      "iam:CreateRole",
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
    ]
    resources = ["${local.arn.iam}:role/${local.name_prefix}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn]
    }
  }

  statement {
    sid = "ReadAndTagRoles"
    actions = [
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListRolePolicies",
      "iam:ListRoleTags",
      "iam:TagRole",
      "iam:UntagRole",
    ]
    resources = ["${local.arn.iam}:role/${local.name_prefix}-*"]
  }

  statement {
    sid       = "PassRolesToLambdaAndScheduler"
    actions   = ["iam:PassRole"]
    resources = ["${local.arn.iam}:role/${local.name_prefix}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com", "scheduler.amazonaws.com"]
    }
  }

  # Never touch itself, and never lift a boundary.
  statement {
    sid    = "DenySelfModification"
    effect = "Deny"
    actions = [
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:PassRole",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
    ]
    resources = ["${local.arn.iam}:role/${local.deployer_role_name}"]
  }

  statement {
    sid       = "DenyBoundaryRemoval"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary"]
    resources = ["*"]
  }
}
