# GovWin -> HubSpot: EventBridge Scheduler invokes the orchestrator, which fans batches out to the sync
# queue; the worker drains it with partial-batch responses. Every queue is on the customer-managed key
# (the prior art left this one on SSE-SQS) and every message that cannot be processed ends in a DLQ.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
}

# ---------------------------------------------------------------------------------------------------
# Queues
# ---------------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "sync" {
  name                              = "${var.name_prefix}-govwin-sync"
  visibility_timeout_seconds        = var.worker_timeout_seconds * 6
  message_retention_seconds         = 345600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.sync_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
  tags = var.tags
}

resource "aws_sqs_queue" "sync_dlq" {
  name                              = "${var.name_prefix}-govwin-sync-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

# Ticks the scheduler could not deliver (invoke refused). Orchestrator runs that failed after Lambda's own
# retries go to the function's on-failure destination (modules/lambda, `<function>-async-dlq`).
resource "aws_sqs_queue" "schedule_dlq" {
  name                              = "${var.name_prefix}-govwin-schedule-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "sync_dlq" {
  queue_url = aws_sqs_queue.sync_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.sync.arn]
  })
}

# ---------------------------------------------------------------------------------------------------
# Worker trigger
# ---------------------------------------------------------------------------------------------------

# One message per invocation: each message already carries up to 100 opportunities (GOVWIN_BATCH_SIZE),
# which is what one worker timeout is sized for; a larger batch would multiply the work per invocation
# and let one slow message delay (and time out) its neighbours. scripts/check-terraform.ts enforces it.
resource "aws_lambda_event_source_mapping" "worker" {
  event_source_arn                   = aws_sqs_queue.sync.arn
  function_name                      = var.worker_function_arn
  batch_size                         = 1
  maximum_batching_window_in_seconds = 0
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.worker_max_concurrency
  }
}

# ---------------------------------------------------------------------------------------------------
# Schedule
# ---------------------------------------------------------------------------------------------------

resource "aws_scheduler_schedule" "sync" {
  name                         = "${var.name_prefix}-govwin-sync"
  description                  = "Starts a GovWin discovery run"
  group_name                   = var.schedule_group_name
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = "UTC"
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.orchestrator_function_arn
    role_arn = aws_iam_role.scheduler.arn

    # An overlapping or failed tick is not retried: the next tick picks up from the cursor, and a
    # retried password grant could lock the GovWin account (5 failures lock it for 30 minutes).
    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dlq.arn
    }
  }
}
