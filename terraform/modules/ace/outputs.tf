output "submit_queue_url" {
  description = "URL of the submit queue (SUBMIT_QUEUE_URL)."
  value       = aws_sqs_queue.work["submit"].url
}

output "submit_queue_arn" {
  description = "ARN of the submit queue."
  value       = aws_sqs_queue.work["submit"].arn
}

output "update_queue_url" {
  description = "URL of the update queue (UPDATE_QUEUE_URL)."
  value       = aws_sqs_queue.work["update"].url
}

output "update_queue_arn" {
  description = "ARN of the update queue."
  value       = aws_sqs_queue.work["update"].arn
}

output "event_rule_name" {
  description = "Name of the Partner Central EventBridge rule."
  value       = aws_cloudwatch_event_rule.partner_central.name
}

output "reconcile_schedule_name" {
  description = "Name of the reconcile schedule."
  value       = aws_scheduler_schedule.reconcile.name
}

output "dead_letter_queues" {
  description = "Dead-letter queues of this module (name and URL), keyed by purpose, for alarms and replay."
  value = {
    ace_submit    = { name = aws_sqs_queue.work_dlq["submit"].name, url = aws_sqs_queue.work_dlq["submit"].url }
    ace_update    = { name = aws_sqs_queue.work_dlq["update"].name, url = aws_sqs_queue.work_dlq["update"].url }
    ace_events    = { name = aws_sqs_queue.events_dlq.name, url = aws_sqs_queue.events_dlq.url }
    ace_reconcile = { name = aws_sqs_queue.reconcile_dlq.name, url = aws_sqs_queue.reconcile_dlq.url }
  }
}

output "partner_central_statements" {
  description = "Catalog-pinned Partner Central IAM statements per role (submit, update, events, reconcile, ui_reads, ui_writes), in the lambda module's `policy_statements` shape."
  value       = local.partner_central_statements
}
