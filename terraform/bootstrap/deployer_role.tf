# ---------------------------------------------------------------------------------------------------
# Deployer role: assumed with MFA by the listed principals; runs every plan and apply of the stack.
# No administrator rights: one managed policy per concern (deployer_policies.tf), each scoped to
# `<prefix>-*` ARNs, plus the few documented wildcard exceptions (terraform/README.md).
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "deployer_trust" {
  statement {
    sid     = "AssumeWithMfa"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.deployer_principal_arns
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "deployer" {
  name                 = local.deployer_role_name
  description          = "Terraform deployer of ${local.name_prefix} (MFA; scoped to ${local.name_prefix}-* resources)"
  assume_role_policy   = data.aws_iam_policy_document.deployer_trust.json
  max_session_duration = var.max_session_seconds
}

locals {
  deployer_policies = {
    state     = data.aws_iam_policy_document.deployer_state.json
    compute   = data.aws_iam_policy_document.deployer_compute.json
    messaging = data.aws_iam_policy_document.deployer_messaging.json
    data      = data.aws_iam_policy_document.deployer_data.json
    iam       = data.aws_iam_policy_document.deployer_iam.json
  }
}

resource "aws_iam_policy" "deployer" {
  for_each = local.deployer_policies

  name        = "${local.deployer_role_name}-${each.key}"
  description = "Deployer permissions of ${local.name_prefix}: ${each.key}"
  policy      = each.value
}

resource "aws_iam_role_policy_attachment" "deployer" {
  for_each = local.deployer_policies

  role       = aws_iam_role.deployer.name
  policy_arn = aws_iam_policy.deployer[each.key].arn
}
