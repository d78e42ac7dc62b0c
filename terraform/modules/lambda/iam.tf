# ---------------------------------------------------------------------------------------------------
# Execution role: one per function, always under the runtime permissions boundary.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "Execution role of ${var.name}"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Logs: only the function's own, pre-created log group (no logs:CreateLogGroup).
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WriteOwnLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "${var.name}-logs"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.logs.json
}

# ---------------------------------------------------------------------------------------------------
# X-Ray: PutTraceSegments / PutTelemetryRecords have no resource type, so "*" is the only option
# (documented exception; scripts/check-terraform.ts verifies both actions are wildcard-only).
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "tracing" {
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "tracing" {
  name   = "${var.name}-tracing"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.tracing.json
}

# ---------------------------------------------------------------------------------------------------
# KMS: the stack key, only when called through the services the function uses.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "kms" {
  count = length(var.kms_via_services) > 0 ? 1 : 0

  statement {
    sid       = "UseStackKeyViaServices"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [for s in var.kms_via_services : "${s}.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "kms" {
  count = length(var.kms_via_services) > 0 ? 1 : 0

  name   = "${var.name}-kms"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.kms[0].json
}

# ---------------------------------------------------------------------------------------------------
# Failed asynchronous invocations: Lambda sends the record to the on-failure destination with this
# role, so it may send to exactly that queue, with the stack key through SQS only (the queue is on it).
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-async-destinations
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "async_failure" {
  count = var.async_invocation == null ? 0 : 1

  statement {
    sid       = "SendFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.async_failure[0].arn]
  }

  statement {
    sid       = "EncryptFailedInvocations"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sqs.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "async_failure" {
  count = var.async_invocation == null ? 0 : 1

  name   = "${var.name}-async-failure"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.async_failure[0].json
}

# ---------------------------------------------------------------------------------------------------
# The permission manifest passed by the caller (CONVENTIONS §13.3).
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "extra" {
  dynamic "statement" {
    for_each = var.policy_statements
    content {
      sid       = replace(statement.key, "/[^0-9A-Za-z]/", "")
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.condition
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "extra" {
  count = length(var.policy_statements) > 0 ? 1 : 0

  name   = "${var.name}-extra"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.extra.json
}
