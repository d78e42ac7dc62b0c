terraform {
  # 1.10: S3-native state locking (use_lockfile). Exact versions are pinned by .terraform.lock.hcl.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
