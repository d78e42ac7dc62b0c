variable "name_prefix" {
  description = "Deployment prefix (`<project>-<environment>`); tables are `<prefix>-sync-state`, `<prefix>-entity-mappings` and `<prefix>-audit`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,24}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-26 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key that encrypts every table."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "deletion_protection" {
  description = "Refuse DeleteTable while true. Turn off deliberately (and apply) before destroying a stack."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags merged onto every table."
  type        = map(string)
  default     = {}
}
