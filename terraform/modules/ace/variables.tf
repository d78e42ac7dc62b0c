# ---------------------------------------------------------------------------------------------------
# Deployment
# ---------------------------------------------------------------------------------------------------

variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "ace_catalog" {
  description = "Partner Central catalog every grant, rule and env var is pinned to: `Sandbox` (default) or `AWS` (production, opt in deliberately)."
  type        = string
  default     = "Sandbox"

  validation {
    condition     = contains(["Sandbox", "AWS"], var.ace_catalog)
    error_message = "ace_catalog must be Sandbox or AWS."
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
  description = "Runtime permissions boundary attached to the reconcile scheduler role."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}

# ---------------------------------------------------------------------------------------------------
# Functions wired here
# ---------------------------------------------------------------------------------------------------

# ARNs and timeouts are separate variables on purpose: the queues depend on the timeouts only. An object
# holding both would make each queue depend on its function, whose role policy depends on the queue.

variable "submit_function_arn" {
  description = "ARN of the ace-submitter submit function (consumes the submit queue)."
  type        = string
}

variable "submit_timeout_seconds" {
  description = "Timeout of the submit function; the submit queue's visibility timeout is six times this."
  type        = number
}

variable "update_function_arn" {
  description = "ARN of the ace-submitter update function (consumes the update queue)."
  type        = string
}

variable "update_timeout_seconds" {
  description = "Timeout of the update function; the update queue's visibility timeout is six times this."
  type        = number
}

variable "events_function_arn" {
  description = "ARN of the ace-submitter events function (target of the Partner Central EventBridge rule)."
  type        = string
}

variable "events_function_name" {
  description = "Name of the ace-submitter events function (for its invoke permission)."
  type        = string
}

variable "reconcile_function_arn" {
  description = "ARN of the ace-submitter reconcile function the reconcile schedule invokes."
  type        = string
}

# ---------------------------------------------------------------------------------------------------
# Behaviour
# ---------------------------------------------------------------------------------------------------

variable "event_detail_types" {
  description = "Partner Central EventBridge detail-types delivered to the events function."
  type        = list(string)
  default = [
    "Opportunity Created",
    "Opportunity Updated",
    "Opportunity Accepted",
    "Opportunity Rejected",
    "Engagement Invitation Created",
    "Engagement Invitation Accepted",
    "Engagement Invitation Rejected",
    "Engagement Invitation Expired",
  ]

  validation {
    condition     = length(var.event_detail_types) > 0
    error_message = "event_detail_types must list at least one detail-type."
  }
}

variable "schedule_group_name" {
  description = "EventBridge Scheduler group that holds the stack's schedules."
  type        = string
}

variable "reconcile_schedule_expression" {
  description = "When the reconcile sweep runs (replays parked edits, repairs missed events): rate(...) or cron(...), UTC."
  type        = string
  default     = "rate(6 hours)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\([^)]+\\))$", var.reconcile_schedule_expression))
    error_message = "reconcile_schedule_expression must be rate(<n> <unit>) or cron(<fields>)."
  }
}

variable "queue_batch_size" {
  description = "Messages per submit/update invocation."
  type        = number
  default     = 5

  validation {
    condition     = var.queue_batch_size >= 1 && var.queue_batch_size <= 10
    error_message = "queue_batch_size must be between 1 and 10."
  }
}

variable "queue_max_concurrency" {
  description = "Maximum concurrent submit (and update) invocations each queue trigger starts (2-1000); ACE allows 1 write/s per account."
  type        = number
  default     = 2

  validation {
    condition     = var.queue_max_concurrency >= 2 && var.queue_max_concurrency <= 1000
    error_message = "queue_max_concurrency must be between 2 and 1000."
  }
}

variable "max_receive_count" {
  description = "Receives before a message moves to its dead-letter queue."
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
