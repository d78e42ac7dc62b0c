variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`); the API is `<prefix>-http-api`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "integrations" {
  description = "Lambda integrations keyed by a stable name: the function (name, invoke ARN, timeout) and the route keys (`METHOD /path`) it serves."
  type = map(object({
    function_name   = string
    invoke_arn      = string
    timeout_seconds = number
    routes          = list(string)
  }))

  validation {
    condition     = alltrue([for i in values(var.integrations) : i.timeout_seconds >= 1 && i.timeout_seconds <= 29])
    error_message = "An API-backed function must time out within 29 s (HTTP API integrations stop at 30 s)."
  }

  validation {
    condition     = alltrue(flatten([for i in values(var.integrations) : [for r in i.routes : can(regex("^(GET|POST) /[A-Za-z0-9/_{}+-]+$", r))]]))
    error_message = "Route keys must look like `GET /path` or `POST /path`."
  }
}

variable "throttling_burst_limit" {
  description = "Stage-wide burst limit (requests)."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit >= 1 && var.throttling_burst_limit <= 5000
    error_message = "throttling_burst_limit must be between 1 and 5000."
  }
}

variable "throttling_rate_limit" {
  description = "Stage-wide steady-state limit (requests per second)."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit >= 1 && var.throttling_rate_limit <= 10000
    error_message = "throttling_rate_limit must be between 1 and 10000."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts the access-log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the access-log group."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "tags" {
  description = "Extra tags merged onto every resource of the module."
  type        = map(string)
  default     = {}
}
