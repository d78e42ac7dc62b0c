variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`); secrets are named `<prefix>-<purpose>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key that encrypts every secret."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "recovery_window_days" {
  description = "Days a deleted secret stays recoverable (0 forces immediate deletion; otherwise 7-30)."
  type        = number
  default     = 7

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30)
    error_message = "recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "tags" {
  description = "Extra tags merged onto every secret."
  type        = map(string)
  default     = {}
}
