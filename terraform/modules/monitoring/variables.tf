variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`); the topic is `<prefix>-alerts`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts the alerts topic."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "notification_email" {
  description = "Address subscribed to the alerts topic (confirm the e-mail AWS sends); empty = no subscription."
  type        = string
  default     = ""

  validation {
    condition     = var.notification_email == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.notification_email))
    error_message = "notification_email must be empty or an e-mail address."
  }
}

variable "dead_letter_queue_names" {
  description = "Dead-letter queues to watch, keyed by purpose; any visible message raises an alarm."
  type        = map(string)
}

variable "schedule_group_name" {
  description = "Scheduler group whose failed target invocations raise an alarm."
  type        = string
}

variable "api" {
  description = "The HTTP API whose 5xx responses raise an alarm (the alarm needs the ApiId dimension to see anything)."
  type        = object({ id = string, stage = string })
}

variable "api_5xx_threshold" {
  description = "5xx responses in 5 minutes that raise the API alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.api_5xx_threshold >= 1
    error_message = "api_5xx_threshold must be at least 1."
  }
}

variable "update_function_name" {
  description = "Name of the ACE update function, watched for fan-out (one UpdateOpportunity per changed property)."
  type        = string
}

variable "update_fanout_per_minute" {
  description = "Update invocations per minute, sustained for 15 minutes, that raise the fan-out alarm (ACE allows 60 writes/min); 0 disables it."
  type        = number
  default     = 30

  validation {
    condition     = var.update_fanout_per_minute >= 0 && var.update_fanout_per_minute <= 60
    error_message = "update_fanout_per_minute must be between 0 and 60."
  }
}

variable "reconcile_interval_seconds" {
  description = "Seconds between two ACE reconcile runs (the stack derives it from reconcile_schedule): the period of the sweeps-stopped-early alarm, which fires when two runs in a row stop a sweep early."
  type        = number

  validation {
    # Periods above 60 s must be whole minutes; two periods must fit CloudWatch's 7-day evaluation limit.
    # https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
    condition     = var.reconcile_interval_seconds >= 60 && var.reconcile_interval_seconds <= 302400 && var.reconcile_interval_seconds % 60 == 0
    error_message = "reconcile_interval_seconds must be a whole number of minutes between 60 and 302400 (3.5 days)."
  }
}

variable "tags" {
  description = "Extra tags merged onto every resource of the module."
  type        = map(string)
  default     = {}
}
