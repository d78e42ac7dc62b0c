output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN API Gateway uses to invoke the function."
  value       = aws_lambda_function.this.invoke_arn
}

output "timeout_seconds" {
  description = "Timeout of the function (callers size queue visibility and integration timeouts from it). Taken from the variable, not the function, so a queue can depend on it without depending on the function (whose role policy depends on the queue)."
  value       = var.timeout_seconds
}

output "role_arn" {
  description = "ARN of the execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "async_failure_queue" {
  description = "On-failure destination of asynchronous invocations (`name`, `url`, `arn`), for alarms and replay; null when `async_invocation` is not set."
  value = one([for q in aws_sqs_queue.async_failure : {
    name = q.name
    url  = q.url
    arn  = q.arn
  }])
}
