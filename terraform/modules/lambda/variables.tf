# ---------------------------------------------------------------------------------------------------
# Identity and code
# ---------------------------------------------------------------------------------------------------

variable "name" {
  description = "Function name (`<prefix>-<package>-<handler>`); also the name of its role, log group, policies and alarms."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,63}$", var.name))
    error_message = "name must be 3-64 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "description" {
  description = "Human description of the function (what triggers it, what it does)."
  type        = string
}

variable "artifact_path" {
  description = "Path of the deterministic zip produced by `pnpm build` (dist/lambdas/<package>-<handler>.zip)."
  type        = string

  validation {
    condition     = can(regex("\\.zip$", var.artifact_path))
    error_message = "artifact_path must point at a .zip file."
  }
}

variable "artifact_sha256" {
  description = "Base64 SHA-256 of the zip, from dist/lambdas/manifest.json; changes only when the code changes."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+/]{43}=$", var.artifact_sha256))
    error_message = "artifact_sha256 must be a base64-encoded SHA-256 digest (44 characters)."
  }
}

# ---------------------------------------------------------------------------------------------------
# Runtime settings
# ---------------------------------------------------------------------------------------------------

variable "timeout_seconds" {
  description = "Function timeout in seconds (1-900)."
  type        = number

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be between 1 and 900."
  }
}

variable "memory_mb" {
  description = "Memory in MB (128-10240)."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240
    error_message = "memory_mb must be between 128 and 10240."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrency >= -1 && floor(var.reserved_concurrency) == var.reserved_concurrency
    error_message = "reserved_concurrency must be -1 or a non-negative integer."
  }
}

variable "environment" {
  description = "Environment variables (names and ARNs only; never secret values)."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "async_invocation" {
  description = "Set for functions invoked asynchronously (Scheduler, EventBridge): Lambda's own retries after a function error (maximum_retry_attempts, 0-2) and how long an event may wait for a run (maximum_event_age_in_seconds, 60-21600, at least twice the timeout plus 180 s so both retries fit). The module then creates the on-failure destination queue `<name>-async-dlq` that receives the record of every event that still failed or expired. null for synchronous or SQS-triggered functions."
  type = object({
    maximum_retry_attempts       = number
    maximum_event_age_in_seconds = number
  })
  default = null

  validation {
    condition     = var.async_invocation == null ? true : contains([0, 1, 2], var.async_invocation.maximum_retry_attempts)
    error_message = "async_invocation.maximum_retry_attempts must be 0, 1 or 2."
  }
  validation {
    condition     = var.async_invocation == null ? true : (var.async_invocation.maximum_event_age_in_seconds >= 60 && var.async_invocation.maximum_event_age_in_seconds <= 21600 && floor(var.async_invocation.maximum_event_age_in_seconds) == var.async_invocation.maximum_event_age_in_seconds)
    error_message = "async_invocation.maximum_event_age_in_seconds must be a whole number of seconds from 60 to 21600."
  }
  # Lambda retries after about 1 and 2 minutes; with runs that use the whole timeout, the last retry
  # starts at 2 x timeout + 180 s. A shorter age would expire the event before its retries ran.
  validation {
    condition     = var.async_invocation == null ? true : var.async_invocation.maximum_event_age_in_seconds >= 2 * var.timeout_seconds + 180
    error_message = "async_invocation.maximum_event_age_in_seconds must be at least 2 x timeout_seconds + 180, or Lambda's retries could not run."
  }
}

# ---------------------------------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------------------------------

variable "kms_key_arn" {
  description = "Customer-managed key of the stack: encrypts the log group; the role may use it only through `kms_via_services`."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "kms_via_services" {
  description = "Services through which the role may use the key (kms:ViaService), e.g. [\"sqs\", \"secretsmanager\"]. Empty = no key use."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.kms_via_services : contains(["dynamodb", "secretsmanager", "sns", "sqs"], s)])
    error_message = "kms_via_services may contain only dynamodb, secretsmanager, sns and sqs."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary that bootstrap created for every runtime role (the deployer can only create roles that carry it)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}

variable "policy_statements" {
  description = "Extra IAM statements for the execution role, keyed by a stable name used as the sid."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    condition = optional(list(object({ test = string, variable = string, values = list(string) })), [])
  }))
  default = {}

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : contains(["Allow", "Deny"], s.effect)])
    error_message = "policy_statements effects must be Allow or Deny."
  }
}

# ---------------------------------------------------------------------------------------------------
# Monitoring
# ---------------------------------------------------------------------------------------------------

variable "alarm_topic_arn" {
  description = "SNS topic that receives this function's alarm and OK notifications."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN."
  }
}

variable "duration_alarm_ratio" {
  description = "Alarm when the p95 duration over 5 minutes exceeds this share of the timeout (0.1-1)."
  type        = number
  default     = 0.8

  validation {
    condition     = var.duration_alarm_ratio >= 0.1 && var.duration_alarm_ratio <= 1
    error_message = "duration_alarm_ratio must be between 0.1 and 1."
  }
}

variable "tags" {
  description = "Extra tags merged onto every resource of the module."
  type        = map(string)
  default     = {}
}
