# The alerts topic (on the customer-managed key) and the alarms that are not per-function: DLQ depth,
# scheduler failures, API 5xx, ACE update fan-out and two custom metrics (reconcile sweeps stopped
# early, GovWin sync audit failures). Per-function alarms (errors, throttles, p95 duration) live in
# modules/lambda. The topic must stay a leaf: a subscriber that wrote back to HubSpot would close a
# webhook <-> EventBridge loop.

resource "aws_sns_topic" "alerts" {
  name              = "${var.name_prefix}-alerts"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  count = var.notification_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

# ---------------------------------------------------------------------------------------------------
# Dead-letter queues: a single message means work that will not happen without an operator.
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  for_each = var.dead_letter_queue_names

  alarm_name          = "${each.value}-depth"
  alarm_description   = "Messages are waiting in ${each.value}; fix the cause, then replay (docs/operations.md, dead-letter queues)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { QueueName = each.value }
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Scheduler: targets that failed or ticks that were dropped, for the stack's schedule group.
# https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "scheduler" {
  for_each = {
    target_errors = "TargetErrorCount"
    dropped       = "InvocationDroppedCount"
  }

  alarm_name          = "${var.schedule_group_name}-${replace(each.key, "_", "-")}"
  alarm_description   = "Scheduler ${each.value} in group ${var.schedule_group_name}: a GovWin sync or reconcile tick did not run."
  namespace           = "AWS/Scheduler"
  metric_name         = each.value
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { ScheduleGroup = var.schedule_group_name }
  alarm_actions       = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}

# ---------------------------------------------------------------------------------------------------
# API: HTTP APIs publish `5xx` per ApiId (+ Stage); without the dimension the alarm watches nothing.
# https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${var.name_prefix}-http-api-5xx"
  alarm_description   = "The HTTP API returned ${var.api_5xx_threshold} or more 5xx responses in 5 minutes (webhooks or card calls are failing)."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.api_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    ApiId = var.api.id
    Stage = var.api.stage
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
  ok_actions    = [aws_sns_topic.alerts.arn]
  tags          = var.tags
}

# ---------------------------------------------------------------------------------------------------
# ACE update fan-out: one UpdateOpportunity per changed property can exhaust the 1 write/s quota.
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "update_fanout" {
  count = var.update_fanout_per_minute > 0 ? 1 : 0

  alarm_name          = "${var.name_prefix}-ace-update-fanout"
  alarm_description   = "The ACE update function ran more than ${var.update_fanout_per_minute}/min for 15 minutes."
  namespace           = "AWS/Lambda"
  metric_name         = "Invocations"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 3
  threshold           = var.update_fanout_per_minute * 5
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { FunctionName = var.update_function_name }
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Custom metrics. The functions publish them as CloudWatch EMF through shared-core's createMetrics
# (packages/shared-core/src/metrics/metrics.ts): namespace `GovwinAce` and one dimension, `service`,
# which each handler sets to its artifact name. An alarm that names another namespace or dimension set
# watches a metric nobody publishes and never fires (tests/unit/terraform/metric-alarms.test.ts runs the
# publishing code and compares).
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
# ---------------------------------------------------------------------------------------------------

locals {
  metrics_namespace = "GovwinAce"
}

# A reconcile sweep stopped before the end of its list (deadline, page cap or requeue cap). Once is
# normal after a backlog: the next run starts the sweep again. Each run publishes its metrics once, at
# its end, so one run fills at most one of the two periods (each one run interval long); both breach only
# when two runs in a row stopped early. Missing data (runs that finished their lists) is not breaching.
resource "aws_cloudwatch_metric_alarm" "reconcile_sweeps_stopped_early" {
  alarm_name          = "${var.name_prefix}-ace-reconcile-sweeps-stopped-early"
  alarm_description   = "Two reconcile runs in a row stopped a sweep before the end of its list (deadline, page cap or requeue cap): the backlog is not draining. The warning log line names the sweep and reason; see docs/operations.md#reconcile-sweep-stopped-early."
  namespace           = local.metrics_namespace
  metric_name         = "ReconcileSweepsStoppedEarly"
  statistic           = "Sum"
  period              = var.reconcile_interval_seconds
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { service = "ace-submitter-reconcile" }
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}

# The GovWin worker could not append the audit row of a deal HubSpot accepted: that deal is reported as
# failed and SQS delivers it again (nothing is synced without its row). Any in 5 minutes pages; it keeps
# firing while the audit table refuses writes.
resource "aws_cloudwatch_metric_alarm" "govwin_sync_audit_failures" {
  alarm_name          = "${var.name_prefix}-govwin-sync-audit-failures"
  alarm_description   = "The GovWin worker could not write the audit row of a synced deal in the last 5 minutes; the deal was re-queued. Repeated means the audit table is failing. See docs/operations.md#govwin-sync-audit-failures."
  namespace           = local.metrics_namespace
  metric_name         = "GovWinSyncAuditFailures"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { service = "govwin-poller-worker" }
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}
