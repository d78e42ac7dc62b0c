terraform {
  # Own local state: bootstrap creates the bucket the stack's state lives in.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Application = local.name_prefix
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform-bootstrap"
    })
  }
}
