# ---------------------------------------------------------------------------------------------------
# Permissions boundary of every runtime role (Lambda execution roles and scheduler roles). It is the
# ceiling the deployer cannot raise: whatever a role policy says, a runtime role can never act outside
# this deployment's resources, administer IAM or KMS, or rewrite the audit trail.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "runtime_boundary" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.arn.logs}:log-group:/aws/lambda/${local.name_prefix}-*"]
  }

  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    resources = ["*"]
  }

  statement {
    sid = "UseOwnTables"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
    ]
    resources = ["${local.arn.dynamodb}:table/${local.name_prefix}-*"]
  }

  # The audit table is append-only for every runtime role, whatever its own policy grants (DESIGN §4).
  statement {
    sid    = "AuditIsAppendOnly"
    effect = "Deny"
    actions = [
      "dynamodb:BatchWriteItem",
      "dynamodb:DeleteItem",
      "dynamodb:PartiQLDelete",
      "dynamodb:PartiQLUpdate",
      "dynamodb:UpdateItem",
    ]
    resources = ["${local.arn.dynamodb}:table/${local.name_prefix}-audit"]
  }

  statement {
    sid = "UseOwnQueues"
    actions = [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
    ]
    resources = ["${local.arn.sqs}:${local.name_prefix}-*"]
  }

  statement {
    sid       = "PublishOwnTopics"
    actions   = ["sns:Publish"]
    resources = ["${local.arn.sns}:${local.name_prefix}-*"]
  }

  statement {
    sid       = "UseOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
    resources = ["${local.arn.secrets}:secret:${local.name_prefix}-*"]
  }

  statement {
    sid       = "UseStackKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [module.kms.key_arn]
  }

  # The operations role (stack/operator.tf) lists this deployment's alarms for `govwin-ace doctor`.
  statement {
    sid       = "SeeOwnAlarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = ["${local.arn.alarms}:alarm:${local.name_prefix}-*"]
  }

  statement {
    sid       = "InvokeOwnFunctions"
    actions   = ["lambda:InvokeFunction"]
    resources = ["${local.arn.lambda}:function:${local.name_prefix}-*"]
  }

  # Partner Central: the action set of all roles together, in any catalog (the catalog is a stack
  # setting; each role's own policy pins it). Engagement resources have no account segment.
  statement {
    sid = "PartnerCentralSelling"
    actions = [
      "partnercentral:AssociateOpportunity",
      "partnercentral:CreateEngagement",
      "partnercentral:CreateEngagementInvitation",
      "partnercentral:CreateOpportunity",
      "partnercentral:CreateResourceSnapshot",
      "partnercentral:CreateResourceSnapshotJob",
      "partnercentral:DisassociateOpportunity",
      "partnercentral:GetEngagement",
      "partnercentral:GetEngagementInvitation",
      "partnercentral:GetOpportunity",
      "partnercentral:RejectEngagementInvitation",
      "partnercentral:StartEngagementByAcceptingInvitationTask",
      "partnercentral:StartEngagementFromOpportunityTask",
      "partnercentral:StartResourceSnapshotJob",
      "partnercentral:SubmitOpportunity",
      "partnercentral:UpdateOpportunity",
    ]
    resources = [
      "arn:${local.partition}:partnercentral:us-east-1::catalog/*",
      "arn:${local.partition}:partnercentral:us-east-1:${local.account_id}:catalog/*",
    ]
  }

  statement {
    sid = "PartnerCentralLists"
    actions = [
      "partnercentral:ListEngagementByAcceptingInvitationTasks",
      "partnercentral:ListEngagementFromOpportunityTasks",
      "partnercentral:ListEngagementInvitations",
      "partnercentral:ListOpportunities",
      "partnercentral:ListSolutions",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "runtime_boundary" {
  name        = local.boundary_name
  description = "Permissions boundary of every ${local.name_prefix} runtime role"
  policy      = data.aws_iam_policy_document.runtime_boundary.json
}
