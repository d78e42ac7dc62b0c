variable "project" {
  description = "Project name; must match the stack's `project` (default govwin-ace) and the glob in policies/bootstrap-operator.json."
  type        = string
  default     = "govwin-ace"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}[a-z0-9]$", var.project))
    error_message = "project must be 3-17 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "environment" {
  description = "Environment name (dev, staging, prod, ...); one bootstrap per environment."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.environment))
    error_message = "environment must be 2-8 lowercase letters or digits, starting with a letter."
  }
}

variable "aws_region" {
  description = "Region of the state bucket, the keys and the stack (us-east-1: Partner Central events arrive only there)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = var.aws_region == "us-east-1"
    error_message = "aws_region must be us-east-1."
  }
}

variable "deployer_principal_arns" {
  description = "IAM users or roles allowed to assume the deployer role (always with MFA)."
  type        = list(string)

  validation {
    condition     = length(var.deployer_principal_arns) > 0 && alltrue([for a in var.deployer_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/.+$", a))])
    error_message = "deployer_principal_arns must list at least one IAM user or role ARN (not an account root)."
  }
}

variable "max_session_seconds" {
  description = "Longest deployer session (3600-43200 s)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_seconds >= 3600 && var.max_session_seconds <= 43200
    error_message = "max_session_seconds must be between 3600 and 43200."
  }
}

variable "state_key_prefix" {
  description = "Object key prefix of the stack's state (and its .tflock) in the bucket; the deployer may touch nothing else."
  type        = string
  default     = "stack/"

  validation {
    condition     = can(regex("^[a-z0-9-]+/$", var.state_key_prefix))
    error_message = "state_key_prefix must be lowercase letters, digits or hyphens ending with a slash."
  }
}

variable "noncurrent_state_days" {
  description = "Days old state versions are kept before they expire."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_state_days >= 1
    error_message = "noncurrent_state_days must be at least 1."
  }
}

variable "tags" {
  description = "Extra default tags."
  type        = map(string)
  default     = {}
}
