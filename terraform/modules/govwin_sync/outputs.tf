output "queue_url" {
  description = "URL of the GovWin sync queue (GOVWIN_SYNC_QUEUE_URL)."
  value       = aws_sqs_queue.sync.url
}

output "queue_arn" {
  description = "ARN of the GovWin sync queue."
  value       = aws_sqs_queue.sync.arn
}

output "schedule_name" {
  description = "Name of the GovWin sync schedule."
  value       = aws_scheduler_schedule.sync.name
}

output "dead_letter_queues" {
  description = "Dead-letter queues of this module (name and URL), keyed by purpose, for alarms and replay."
  value = {
    govwin_sync     = { name = aws_sqs_queue.sync_dlq.name, url = aws_sqs_queue.sync_dlq.url }
    govwin_schedule = { name = aws_sqs_queue.schedule_dlq.name, url = aws_sqs_queue.schedule_dlq.url }
  }
}
