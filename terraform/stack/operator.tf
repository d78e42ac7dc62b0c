# ---------------------------------------------------------------------------------------------------
# Operations role for the `govwin-ace` CLI (doctor, sync --once, dlq, audit export, trace, dry-run,
# drift): what the deployer deliberately cannot do — read tables and secrets, move dead letters, redrive
# failed asynchronous runs, read opportunities, repair a deal's mirror row. Assumed with MFA by `operator_principal_arns` (none = no
# role), under the runtime boundary like every runtime role, so it can never update or delete audit rows
# or reach another deployment. It never writes to Partner Central: repairs go through the queues.
# ---------------------------------------------------------------------------------------------------

locals {
  operator_enabled = length(var.operator_principal_arns) > 0
  all_queue_arns = [
    module.govwin_sync.queue_arn,
    module.ace.submit_queue_arn,
    module.ace.update_queue_arn,
  ]
  dead_letter_queue_arns = [
    for q in values(local.dead_letter_queues) :
    "arn:${local.partition}:sqs:${var.aws_region}:${local.account_id}:${q.name}"
  ]
  async_invoked_function_arns = [
    module.govwin_poller_orchestrator.function_arn,
    module.ace_submitter_events.function_arn,
    module.ace_submitter_reconcile.function_arn,
    module.cli_drift_report.function_arn,
  ]
  table_arns = [
    module.dynamodb.sync_state_table_arn,
    module.dynamodb.entity_mappings_table_arn,
    module.dynamodb.audit_table_arn,
  ]
}

data "aws_iam_policy_document" "operator_trust" {
  count = local.operator_enabled ? 1 : 0

  statement {
    sid     = "AssumeWithMfa"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.operator_principal_arns
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "operator" {
  count = local.operator_enabled ? 1 : 0

  name                 = "${local.name_prefix}-operator"
  description          = "Operations (govwin-ace CLI) of ${local.name_prefix}: reads, token cache, dead-letter replay"
  assume_role_policy   = data.aws_iam_policy_document.operator_trust[0].json
  permissions_boundary = local.permissions_boundary_arn
  max_session_duration = 3600
}

data "aws_iam_policy_document" "operator" {
  count = local.operator_enabled ? 1 : 0

  # doctor, audit export, dlq (which deal a message belongs to), sync --once (watermarks and mappings).
  statement {
    sid       = "ReadTables"
    actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
    resources = local.table_arns
  }

  # The CLI audits its own writes like the runtime roles: PutItem under AUDIT# (attribute_not_exists in
  # code, packages/shared-core/src/state/audit-log.ts); never Update / Delete (also denied by the boundary).
  statement {
    sid       = "AppendAudit"
    actions   = ["dynamodb:PutItem"]
    resources = [module.dynamodb.audit_table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["AUDIT#*"]
    }

    condition {
      test     = "Null"
      variable = "dynamodb:LeadingKeys"
      values   = ["false"]
    }
  }

  # drift --repair fixes a deal's mirror row (DEAL#); no other entity-mappings row, no PutItem.
  statement {
    sid       = "RepairDealMirror"
    actions   = ["dynamodb:UpdateItem"]
    resources = [module.dynamodb.entity_mappings_table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["DEAL#*"]
    }

    condition {
      test     = "Null"
      variable = "dynamodb:LeadingKeys"
      values   = ["false"]
    }
  }

  statement {
    sid       = "SyncOnceWritesSyncState"
    actions   = ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [module.dynamodb.sync_state_table_arn]
  }

  # doctor checks each secret is present and well-formed (values are never printed); sync --once logs
  # in to GovWin and HubSpot and refreshes the token cache.
  statement {
    sid     = "ReadSecrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      module.secrets.hubspot_signing_secret_arn,
      module.secrets.hubspot_token_secret_arn,
      module.secrets.govwin_credentials_secret_arn,
      module.secrets.govwin_token_secret_arn,
    ]
  }

  statement {
    sid       = "CacheGovWinToken"
    actions   = ["secretsmanager:PutSecretValue"]
    resources = [module.secrets.govwin_token_secret_arn]
  }

  statement {
    sid       = "InspectQueues"
    actions   = ["sqs:GetQueueAttributes"]
    resources = concat(local.all_queue_arns, local.dead_letter_queue_arns)
  }

  statement {
    sid       = "ReadAndRemoveDeadLetters"
    actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage"]
    resources = local.dead_letter_queue_arns
  }

  statement {
    sid       = "ReplayToSourceQueues"
    actions   = ["sqs:SendMessage"]
    resources = local.all_queue_arns
  }

  # Run a scheduled function now, and `dlq replay` of a failed asynchronous run: the function whose
  # on-failure queue kept the record is invoked again (InvocationType Event) with the original event.
  # Exactly the four asynchronously invoked functions; never a queue consumer or an API function.
  statement {
    sid       = "InvokeAsyncInvokedFunctions"
    actions   = ["lambda:InvokeFunction"]
    resources = local.async_invoked_function_arns
  }

  # drift --notify publishes its report to the alerts topic.
  statement {
    sid       = "PublishDriftReport"
    actions   = ["sns:Publish"]
    resources = [module.monitoring.alerts_topic_arn]
  }

  statement {
    sid       = "SeeAlarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = ["arn:${local.partition}:cloudwatch:${var.aws_region}:${local.account_id}:alarm:${local.name_prefix}-*"]
  }

  statement {
    sid       = "UseStackKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${var.aws_region}.amazonaws.com", "secretsmanager.${var.aws_region}.amazonaws.com", "sns.${var.aws_region}.amazonaws.com", "sqs.${var.aws_region}.amazonaws.com"]
    }
  }

  # doctor: ListSolutions answers for the configured catalog; trace / dry-run / drift: the submission
  # task of an opportunity. List operations have no resource type (wildcard exceptions).
  statement {
    sid       = "CheckPartnerCentral"
    actions   = ["partnercentral:ListEngagementFromOpportunityTasks", "partnercentral:ListSolutions"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "partnercentral:Catalog"
      values   = [var.ace_catalog]
    }
  }

  # trace / dry-run / drift read the live opportunity (reads only; Catalog-pinned like every grant).
  statement {
    sid       = "ReadOpportunities"
    actions   = ["partnercentral:GetOpportunity"]
    resources = ["arn:${local.partition}:partnercentral:us-east-1:${local.account_id}:catalog/${var.ace_catalog}/opportunity/*"]

    condition {
      test     = "StringEquals"
      variable = "partnercentral:Catalog"
      values   = [var.ace_catalog]
    }
  }
}

resource "aws_iam_role_policy" "operator" {
  count = local.operator_enabled ? 1 : 0

  name   = "${local.name_prefix}-operator-operations"
  role   = aws_iam_role.operator[0].id
  policy = data.aws_iam_policy_document.operator[0].json
}
