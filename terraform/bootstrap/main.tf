# One-shot bootstrap of an environment, applied by the bootstrap operator (policies/bootstrap-operator.json):
#   - the S3 state bucket and its key,
#   - the stack's customer-managed key (modules/kms), so the deployer never administers KMS keys,
#   - the runtime permissions boundary every Lambda / scheduler role must carry,
#   - the MFA-gated deployer role with per-service policies scoped to `<prefix>-*`.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.region

  # ARN prefixes every deployer and boundary statement is scoped to.
  arn = {
    lambda    = "arn:${local.partition}:lambda:${local.region}:${local.account_id}"
    logs      = "arn:${local.partition}:logs:${local.region}:${local.account_id}"
    events    = "arn:${local.partition}:events:${local.region}:${local.account_id}"
    scheduler = "arn:${local.partition}:scheduler:${local.region}:${local.account_id}"
    dynamodb  = "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}"
    sqs       = "arn:${local.partition}:sqs:${local.region}:${local.account_id}"
    sns       = "arn:${local.partition}:sns:${local.region}:${local.account_id}"
    secrets   = "arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}"
    alarms    = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}"
    iam       = "arn:${local.partition}:iam::${local.account_id}"
    api       = "arn:${local.partition}:apigateway:${local.region}:"
  }

  deployer_role_name = "${local.name_prefix}-deployer"
  boundary_name      = "${local.name_prefix}-runtime-boundary"
  boundary_arn       = "${local.arn.iam}:policy/${local.boundary_name}"
}

# The stack's key (tables, queues, topic, secrets, log groups). The stack finds it by its alias.
module "kms" {
  source = "../modules/kms"

  name_prefix = local.name_prefix
}
