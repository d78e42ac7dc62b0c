# One customer-managed key for every data store the stack owns: DynamoDB tables, SQS queues, the SNS
# topic, Secrets Manager secrets and CloudWatch log groups (DESIGN §5). It is a leaf module so that
# every other module can take the key without a dependency cycle.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
}

resource "aws_kms_key" "this" {
  description             = "${var.name_prefix}: encrypts the tables, queues, topic, secrets and log groups"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.key_policy.json
  tags                    = merge(var.tags, { Purpose = "data-at-rest" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name_prefix}-main"
  target_key_id = aws_kms_key.this.key_id
}
