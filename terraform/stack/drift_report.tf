# The scheduled, read-only drift report (Lambda cli-drift-report): compares HubSpot deals, the mapping
# rows and Partner Central, and publishes one summary to the alerts topic when anything drifted. It never
# repairs (operators run `govwin-ace drift --repair`): no queue, table or Partner Central write.

module "cli_drift_report" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-cli-drift-report"
  description              = "Scheduled: read-only HubSpot <-> ACE drift report, one SNS summary when anything drifted"
  artifact_path            = local.artifacts["cli-drift-report"].path
  artifact_sha256          = local.artifacts["cli-drift-report"].sha256
  timeout_seconds          = 900
  memory_mb                = 256
  reserved_concurrency     = 1
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  # Daily; 3600 s fits both retries of a run that uses its whole 900 s timeout (2 x 900 + 180).
  async_invocation = { maximum_retry_attempts = 2, maximum_event_age_in_seconds = 3600 }

  environment = merge(local.ace_submitter_environment, {
    DRIFT_REPORT_LIMIT = tostring(var.drift_report_limit)
  })

  policy_statements = merge(module.ace.partner_central_statements.drift_report, {
    # Mapping rows are listed with a Scan; nothing is written to the table.
    read_mappings = {
      actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
      resources = [module.dynamodb.entity_mappings_table_arn]
    }
    # The shared token buckets pace HubSpot and Partner Central reads (RL# rows only).
    rate_limits        = local.statements.rate_limits
    read_hubspot_token = local.statements.read_hubspot_token
    publish_alerts     = local.statements.publish_alerts
  })
}

# Ticks the scheduler could not deliver; runs that failed after Lambda's retries go to the function's
# on-failure destination (`<prefix>-cli-drift-report-async-dlq`, modules/lambda).
resource "aws_sqs_queue" "drift_report_dlq" {
  name                              = "${local.name_prefix}-drift-report-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_iam_role" "drift_report_scheduler" {
  name                 = "${local.name_prefix}-drift-report-scheduler"
  description          = "EventBridge Scheduler role of the drift report schedule"
  assume_role_policy   = data.aws_iam_policy_document.drift_report_scheduler_assume.json
  permissions_boundary = local.permissions_boundary_arn
}

data "aws_iam_policy_document" "drift_report_scheduler_assume" {
  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "drift_report_scheduler" {
  statement {
    sid       = "InvokeDriftReport"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.cli_drift_report.function_arn]
  }

  statement {
    sid       = "DeadLetterTicks"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.drift_report_dlq.arn]
  }

  statement {
    sid       = "EncryptDeadLetters"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sqs.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "drift_report_scheduler" {
  name   = "${local.name_prefix}-drift-report-scheduler-invoke"
  role   = aws_iam_role.drift_report_scheduler.id
  policy = data.aws_iam_policy_document.drift_report_scheduler.json
}

resource "aws_scheduler_schedule" "drift_report" {
  name                         = "${local.name_prefix}-drift-report"
  description                  = "Read-only drift report; one alert when anything drifted"
  group_name                   = aws_scheduler_schedule_group.this.name
  schedule_expression          = var.drift_report_schedule
  schedule_expression_timezone = "UTC"
  state                        = var.schedules_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.cli_drift_report.function_arn
    role_arn = aws_iam_role.drift_report_scheduler.arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.drift_report_dlq.arn
    }
  }
}
