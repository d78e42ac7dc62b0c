provider "aws" {
  region = var.aws_region

  # Every plan and apply runs as the deployer role created by terraform/bootstrap (empty = the caller's
  # own credentials, e.g. a session that already assumed the role).
  dynamic "assume_role" {
    for_each = var.deployer_role_arn == "" ? [] : [var.deployer_role_arn]
    content {
      role_arn     = assume_role.value
      session_name = "terraform-${local.name_prefix}"
    }
  }

  # Application is what the deployer's KMS permissions and cost reports key on; it must be on every
  # resource, so it lives here rather than in each module.
  default_tags {
    tags = merge(var.tags, {
      Application = local.name_prefix
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
