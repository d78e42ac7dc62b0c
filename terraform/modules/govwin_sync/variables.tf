variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts the queues."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "permissions_boundary_arn" {
  description = "Runtime permissions boundary attached to the scheduler role."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}

variable "schedule_group_name" {
  description = "EventBridge Scheduler group that holds the stack's schedules (alarms watch it)."
  type        = string
}

variable "schedule_expression" {
  description = "When the orchestrator runs: rate(...) or cron(...), evaluated in UTC."
  type        = string

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\([^)]+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(<n> <unit>) or cron(<fields>)."
  }
}

variable "orchestrator_function_arn" {
  description = "ARN of the govwin-poller orchestrator function the schedule invokes."
  type        = string
}

variable "worker_function_arn" {
  description = "ARN of the govwin-poller worker function that drains the sync queue."
  type        = string
}

variable "worker_timeout_seconds" {
  description = "Timeout of the worker; the queue's visibility timeout is six times this (AWS guidance for SQS triggers)."
  type        = number
}

variable "worker_max_concurrency" {
  description = "Maximum concurrent worker invocations the queue trigger starts (2-1000); keeps GovWin and HubSpot quotas in reach."
  type        = number
  default     = 2

  validation {
    condition     = var.worker_max_concurrency >= 2 && var.worker_max_concurrency <= 1000
    error_message = "worker_max_concurrency must be between 2 and 1000."
  }
}

variable "max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "tags" {
  description = "Extra tags merged onto every resource of the module."
  type        = map(string)
  default     = {}
}

variable "schedule_enabled" {
  description = "Whether the schedule fires (false: created but DISABLED, e.g. before the first configuration is complete)."
  type        = bool
  default     = true
}
