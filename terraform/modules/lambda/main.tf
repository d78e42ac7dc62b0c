# One Lambda function with its own role, log group and alarms (CONVENTIONS §13.3-13.4).
# Code comes from the build manifest: `artifact_path` + `artifact_sha256` (dist/lambdas/manifest.json).

data "aws_region" "current" {}

locals {
  region    = data.aws_region.current.region
  log_group = "/aws/lambda/${var.name}"
}

# ---------------------------------------------------------------------------------------------------
# Log group first: if Lambda created it, it would be unencrypted and never expire.
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Function
# ---------------------------------------------------------------------------------------------------

resource "aws_lambda_function" "this" {
  function_name                  = var.name
  description                    = var.description
  role                           = aws_iam_role.this.arn
  runtime                        = "nodejs22.x"
  architectures                  = ["arm64"]
  handler                        = "index.handler"
  filename                       = var.artifact_path
  source_code_hash               = var.artifact_sha256
  timeout                        = var.timeout_seconds
  memory_size                    = var.memory_mb
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = var.environment
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tracing_config {
    mode = "Active"
  }

  tags = var.tags

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.logs,
    aws_iam_role_policy.tracing,
    aws_iam_role_policy.kms,
    aws_iam_role_policy.extra,
  ]
}

# ---------------------------------------------------------------------------------------------------
# Asynchronous invocations (Scheduler, EventBridge): explicit retries and event age, and an on-failure
# destination, so an event that still fails after Lambda's retries (or expires waiting) is kept as a
# record (requestContext, requestPayload, responseContext, responsePayload) instead of being dropped.
# The destination replaces the function-level dead_letter_config: with both, Lambda sends to both.
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
# ---------------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "async_failure" {
  count = var.async_invocation == null ? 0 : 1

  name                              = "${var.name}-async-dlq"
  message_retention_seconds         = 1209600
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_lambda_function_event_invoke_config" "this" {
  count = var.async_invocation == null ? 0 : 1

  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = var.async_invocation.maximum_retry_attempts
  maximum_event_age_in_seconds = var.async_invocation.maximum_event_age_in_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.async_failure[0].arn
    }
  }

  # Lambda sends the record with the execution role, and refuses a destination the role cannot reach.
  depends_on = [aws_iam_role_policy.async_failure]
}

# ---------------------------------------------------------------------------------------------------
# Alarms: errors, throttles and slow invocations, each to the alerts topic.
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.name}-errors"
  alarm_description   = "${var.name} reported at least one error in 5 minutes."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name          = "${var.name}-throttles"
  alarm_description   = "${var.name} was throttled at least once in 5 minutes (reserved concurrency or account limit)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "duration" {
  alarm_name          = "${var.name}-duration-p95"
  alarm_description   = "${var.name} p95 duration exceeded ${floor(var.duration_alarm_ratio * 100)}% of its ${var.timeout_seconds} s timeout."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  extended_statistic  = "p95"
  period              = 300
  evaluation_periods  = 2
  threshold           = floor(var.timeout_seconds * 1000 * var.duration_alarm_ratio)
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
  tags                = var.tags
}
