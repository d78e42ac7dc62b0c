# HubSpot -> ACE (submit and update queues), ACE -> HubSpot (EventBridge rule), the reconcile sweep, and
# the Partner Central permissions of every role (partner_central.tf), all pinned to one catalog.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  source_queues = {
    submit = { name = "${var.name_prefix}-ace-submit", timeout_seconds = var.submit_timeout_seconds }
    update = { name = "${var.name_prefix}-ace-update", timeout_seconds = var.update_timeout_seconds }
  }
  consumer_arns = {
    submit = var.submit_function_arn
    update = var.update_function_arn
  }
}

# ---------------------------------------------------------------------------------------------------
# Submit and update queues, each with its DLQ and trigger
# ---------------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "work" {
  for_each = local.source_queues

  name                              = each.value.name
  visibility_timeout_seconds        = each.value.timeout_seconds * 6
  message_retention_seconds         = 345600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.work_dlq[each.key].arn
    maxReceiveCount     = var.max_receive_count
  })
  tags = var.tags
}

resource "aws_sqs_queue" "work_dlq" {
  for_each = local.source_queues

  name                              = "${each.value.name}-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "work_dlq" {
  for_each = local.source_queues

  queue_url = aws_sqs_queue.work_dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.work[each.key].arn]
  })
}

resource "aws_lambda_event_source_mapping" "work" {
  for_each = local.source_queues

  event_source_arn                   = aws_sqs_queue.work[each.key].arn
  function_name                      = local.consumer_arns[each.key]
  batch_size                         = var.queue_batch_size
  maximum_batching_window_in_seconds = 0
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.queue_max_concurrency
  }
}

# ---------------------------------------------------------------------------------------------------
# Partner Central events -> events function (default bus, us-east-1)
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_event_rule" "partner_central" {
  name        = "${var.name_prefix}-ace-events"
  description = "Partner Central Selling events of catalog ${var.ace_catalog} in this account"
  event_pattern = jsonencode({
    source        = ["aws.partnercentral-selling"]
    account       = [local.account_id]
    "detail-type" = var.event_detail_types
    detail        = { catalog = [var.ace_catalog] }
  })
  tags = var.tags
}

resource "aws_cloudwatch_event_target" "events_function" {
  rule      = aws_cloudwatch_event_rule.partner_central.name
  target_id = "events-function"
  arn       = var.events_function_arn

  retry_policy {
    maximum_event_age_in_seconds = 86400
    maximum_retry_attempts       = 185
  }

  dead_letter_config {
    arn = aws_sqs_queue.events_dlq.arn
  }
}

resource "aws_lambda_permission" "events_function" {
  statement_id   = "AllowPartnerCentralRule"
  action         = "lambda:InvokeFunction"
  function_name  = var.events_function_name
  principal      = "events.amazonaws.com"
  source_arn     = aws_cloudwatch_event_rule.partner_central.arn
  source_account = local.account_id
}

# Events EventBridge could not deliver to the function. Events-function runs that failed after Lambda's own
# retries go to the function's on-failure destination (modules/lambda, `<function>-async-dlq`).
resource "aws_sqs_queue" "events_dlq" {
  name                              = "${var.name_prefix}-ace-events-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_sqs_queue_policy" "events_dlq" {
  queue_url = aws_sqs_queue.events_dlq.id
  policy    = data.aws_iam_policy_document.events_dlq.json
}

# ---------------------------------------------------------------------------------------------------
# Reconcile sweep (EventBridge delivery is best effort)
# ---------------------------------------------------------------------------------------------------

# Reconcile ticks the scheduler could not deliver (failed runs: the function's `-async-dlq`).
resource "aws_sqs_queue" "reconcile_dlq" {
  name                              = "${var.name_prefix}-ace-reconcile-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_scheduler_schedule" "reconcile" {
  name                         = "${var.name_prefix}-ace-reconcile"
  description                  = "Replays parked ACE edits and repairs drift missed by EventBridge"
  group_name                   = var.schedule_group_name
  schedule_expression          = var.reconcile_schedule_expression
  schedule_expression_timezone = "UTC"
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.reconcile_function_arn
    role_arn = aws_iam_role.reconcile_scheduler.arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.reconcile_dlq.arn
    }
  }
}
