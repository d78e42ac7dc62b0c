# Root module of one environment: shared infrastructure (tables, secrets, queues, schedules, API,
# alarms) here, the nine functions in lambdas.tf. One state per environment (backend.s3.tfbackend).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition

  # Created by terraform/bootstrap; the deployer may only create roles that carry it.
  permissions_boundary_arn = "arn:${local.partition}:iam::${local.account_id}:policy/${local.name_prefix}-runtime-boundary"

  # Build output of `pnpm build`: dist/lambdas/manifest.json lists every zip with its base64 SHA-256.
  artifacts_dir   = var.artifacts_dir != "" ? var.artifacts_dir : abspath("${path.root}/../../dist/lambdas")
  lambda_manifest = jsondecode(file("${local.artifacts_dir}/manifest.json"))
  artifacts = {
    for l in local.lambda_manifest.lambdas : l.name => {
      path   = "${local.artifacts_dir}/${l.zip}"
      sha256 = l.sha256
    }
  }

  kms_key_arn = data.aws_kms_alias.main.target_key_arn

  # DESIGN §6: a message goes to its DLQ after 5 receives; the submitter reads the same number.
  max_receive_count = 5

  public_webhook_url = "${module.api.api_endpoint}/hubspot/webhooks"
  public_ui_base_url = "${module.api.api_endpoint}/ui-extension"

  # Every dead-letter queue of the stack ({ name, url }), keyed by purpose: the work queues' DLQs, the
  # queues the schedules and the Partner Central rule dead-letter undeliverable events into, and the
  # on-failure destinations of the asynchronously invoked functions (records of runs that failed after
  # Lambda's retries). Each gets a depth alarm; the operations role may read and remove their messages.
  dead_letter_queues = merge(
    module.govwin_sync.dead_letter_queues,
    module.ace.dead_letter_queues,
    { drift_report = { name = aws_sqs_queue.drift_report_dlq.name, url = aws_sqs_queue.drift_report_dlq.url } },
    { for k, q in local.async_failure_queues : k => { name = q.name, url = q.url } if q != null },
  )
  async_failure_queues = {
    govwin_orchestrator_async = module.govwin_poller_orchestrator.async_failure_queue
    ace_events_async          = module.ace_submitter_events.async_failure_queue
    ace_reconcile_async       = module.ace_submitter_reconcile.async_failure_queue
    drift_report_async        = module.cli_drift_report.async_failure_queue
  }

  # Seconds between reconcile runs, the period of the sweeps-stopped-early alarm: taken from a
  # rate(...) reconcile_schedule, or reconcile_alarm_period_seconds (required for a cron(...) one).
  reconcile_rate = try(regex("^rate\\(([1-9][0-9]*) (minute|hour|day)s?\\)$", var.reconcile_schedule), null)
  reconcile_interval_seconds = coalesce(
    var.reconcile_alarm_period_seconds,
    try(tonumber(local.reconcile_rate[0]) * lookup({ minute = 60, hour = 3600, day = 86400 }, local.reconcile_rate[1]), null),
  )
}

# ---------------------------------------------------------------------------------------------------
# Key, tables, secrets. The key itself comes from terraform/bootstrap (modules/kms), so the deployer
# only uses it and never administers KMS keys.
# ---------------------------------------------------------------------------------------------------

data "aws_kms_alias" "main" {
  name = "alias/${local.name_prefix}-main"
}

module "dynamodb" {
  source = "../modules/dynamodb"

  name_prefix         = local.name_prefix
  kms_key_arn         = local.kms_key_arn
  deletion_protection = var.table_deletion_protection
}

module "secrets" {
  source = "../modules/secrets"

  name_prefix = local.name_prefix
  kms_key_arn = local.kms_key_arn
}

# ---------------------------------------------------------------------------------------------------
# Flows: GovWin sync, ACE queues / events / reconcile, the HTTP API
# ---------------------------------------------------------------------------------------------------

resource "aws_scheduler_schedule_group" "this" {
  name = "${local.name_prefix}-schedules"
}

module "govwin_sync" {
  source = "../modules/govwin_sync"

  name_prefix               = local.name_prefix
  kms_key_arn               = local.kms_key_arn
  permissions_boundary_arn  = local.permissions_boundary_arn
  schedule_group_name       = aws_scheduler_schedule_group.this.name
  schedule_expression       = var.govwin_sync_schedule
  schedule_enabled          = var.schedules_enabled
  orchestrator_function_arn = module.govwin_poller_orchestrator.function_arn
  worker_function_arn       = module.govwin_poller_worker.function_arn
  worker_timeout_seconds    = module.govwin_poller_worker.timeout_seconds
  worker_max_concurrency    = var.govwin_worker_concurrency
  max_receive_count         = local.max_receive_count
}

module "ace" {
  source = "../modules/ace"

  name_prefix                   = local.name_prefix
  ace_catalog                   = var.ace_catalog
  kms_key_arn                   = local.kms_key_arn
  permissions_boundary_arn      = local.permissions_boundary_arn
  schedule_group_name           = aws_scheduler_schedule_group.this.name
  reconcile_schedule_expression = var.reconcile_schedule
  schedule_enabled              = var.schedules_enabled
  submit_function_arn           = module.ace_submitter_submit.function_arn
  submit_timeout_seconds        = module.ace_submitter_submit.timeout_seconds
  update_function_arn           = module.ace_submitter_update.function_arn
  update_timeout_seconds        = module.ace_submitter_update.timeout_seconds
  events_function_arn           = module.ace_submitter_events.function_arn
  events_function_name          = module.ace_submitter_events.function_name
  reconcile_function_arn        = module.ace_submitter_reconcile.function_arn
  max_receive_count             = local.max_receive_count
}

module "api" {
  source = "../modules/api"

  name_prefix            = local.name_prefix
  kms_key_arn            = local.kms_key_arn
  log_retention_days     = var.log_retention_days
  throttling_burst_limit = var.api_throttling.burst
  throttling_rate_limit  = var.api_throttling.rate

  integrations = {
    webhook_receiver = {
      function_name   = module.hubspot_webhook_receiver.function_name
      invoke_arn      = module.hubspot_webhook_receiver.invoke_arn
      timeout_seconds = module.hubspot_webhook_receiver.timeout_seconds
      routes          = ["POST /hubspot/webhooks"]
    }
    ui_reads = {
      function_name   = module.ui_ext_reads.function_name
      invoke_arn      = module.ui_ext_reads.invoke_arn
      timeout_seconds = module.ui_ext_reads.timeout_seconds
      routes          = ["GET /ui-extension/{proxy+}"]
    }
    ui_writes = {
      function_name   = module.ui_ext_writes.function_name
      invoke_arn      = module.ui_ext_writes.invoke_arn
      timeout_seconds = module.ui_ext_writes.timeout_seconds
      routes          = ["POST /ui-extension/{proxy+}"]
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# Alerts topic and the alarms that are not per-function
# ---------------------------------------------------------------------------------------------------

module "monitoring" {
  source = "../modules/monitoring"

  name_prefix              = local.name_prefix
  kms_key_arn              = local.kms_key_arn
  notification_email       = var.notification_email
  schedule_group_name      = aws_scheduler_schedule_group.this.name
  api                      = { id = module.api.api_id, stage = module.api.stage_name }
  update_function_name     = module.ace_submitter_update.function_name
  update_fanout_per_minute = var.update_fanout_per_minute
  dead_letter_queue_names  = { for k, q in local.dead_letter_queues : k => q.name }

  reconcile_interval_seconds = local.reconcile_interval_seconds
}
