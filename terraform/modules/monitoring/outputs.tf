output "alerts_topic_arn" {
  description = "ARN of the alerts topic (ALERTS_TOPIC_ARN; every alarm publishes here)."
  value       = aws_sns_topic.alerts.arn
}

output "alarm_names" {
  description = "Names of the alarms this module owns."
  value = concat(
    [for a in aws_cloudwatch_metric_alarm.dlq_depth : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.scheduler : a.alarm_name],
    [aws_cloudwatch_metric_alarm.api_5xx.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.update_fanout : a.alarm_name],
    [aws_cloudwatch_metric_alarm.reconcile_sweeps_stopped_early.alarm_name],
    [aws_cloudwatch_metric_alarm.govwin_sync_audit_failures.alarm_name],
  )
}
