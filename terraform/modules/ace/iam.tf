# ---------------------------------------------------------------------------------------------------
# Events DLQ: only the Partner Central rule may dead-letter into it.
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html#eb-dlq-perms
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "events_dlq" {
  statement {
    sid       = "PartnerCentralRuleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.partner_central.arn]
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# Reconcile scheduler role: invoke the reconcile function, dead-letter undeliverable ticks.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "scheduler_assume_role" {
  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "reconcile_scheduler" {
  name                 = "${var.name_prefix}-ace-reconcile-scheduler"
  description          = "EventBridge Scheduler role of the ACE reconcile schedule"
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "reconcile_scheduler" {
  statement {
    sid       = "InvokeReconcile"
    actions   = ["lambda:InvokeFunction"]
    resources = [var.reconcile_function_arn]
  }

  statement {
    sid       = "DeadLetterTicks"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.reconcile_dlq.arn]
  }

  statement {
    sid       = "EncryptDeadLetters"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sqs.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "reconcile_scheduler" {
  name   = "${var.name_prefix}-ace-reconcile-scheduler-invoke"
  role   = aws_iam_role.reconcile_scheduler.id
  policy = data.aws_iam_policy_document.reconcile_scheduler.json
}
