output "name_prefix" {
  description = "Prefix of every resource of this environment."
  value       = local.name_prefix
}

output "ace_catalog" {
  description = "Partner Central catalog this deployment is pinned to."
  value       = var.ace_catalog
}

output "public_webhook_url" {
  description = "HubSpot webhook target URL (paste into the HubSpot app's webhook settings)."
  value       = local.public_webhook_url
}

output "public_ui_base_url" {
  description = "Base URL of the card routes (the HubSpot app's permitted fetch URL)."
  value       = local.public_ui_base_url
}

output "api_id" {
  description = "Id of the HTTP API."
  value       = module.api.api_id
}

output "function_names" {
  description = "Function names keyed by build artifact name (<package>-<handler>)."
  value = {
    "govwin-poller-orchestrator"        = module.govwin_poller_orchestrator.function_name
    "govwin-poller-worker"              = module.govwin_poller_worker.function_name
    "hubspot-webhook-receiver-receiver" = module.hubspot_webhook_receiver.function_name
    "ace-submitter-submit"              = module.ace_submitter_submit.function_name
    "ace-submitter-update"              = module.ace_submitter_update.function_name
    "ace-submitter-events"              = module.ace_submitter_events.function_name
    "ace-submitter-reconcile"           = module.ace_submitter_reconcile.function_name
    "cli-drift-report"                  = module.cli_drift_report.function_name
    "ui-ext-reads-reads"                = module.ui_ext_reads.function_name
    "ui-ext-writes-writes"              = module.ui_ext_writes.function_name
  }
}

output "tables" {
  description = "DynamoDB table names."
  value = {
    sync_state      = module.dynamodb.sync_state_table_name
    entity_mappings = module.dynamodb.entity_mappings_table_name
    audit           = module.dynamodb.audit_table_name
  }
}

output "secret_names" {
  description = "Secrets Manager secret names to fill in out of band (docs/deployment-guide.md, \"Secrets\")."
  value       = module.secrets.secret_names
}

output "queue_urls" {
  description = "Work queue URLs."
  value = {
    govwin_sync = module.govwin_sync.queue_url
    ace_submit  = module.ace.submit_queue_url
    ace_update  = module.ace.update_queue_url
  }
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queue URLs keyed by purpose (inspect and replay after fixing the cause)."
  value       = { for k, q in local.dead_letter_queues : k => q.url }
}

output "alerts_topic_arn" {
  description = "ARN of the alerts topic (subscribe on-call tooling here)."
  value       = module.monitoring.alerts_topic_arn
}

output "kms_key_arn" {
  description = "ARN of the stack's customer-managed key."
  value       = local.kms_key_arn
}

output "operator_role_arn" {
  description = "Role the operator assumes (with MFA) to run the govwin-ace CLI; null when operator_principal_arns is empty."
  value       = local.operator_enabled ? aws_iam_role.operator[0].arn : null
}

output "operator_environment" {
  description = "The variables the govwin-ace CLI reads, with the values the functions get (names and ARNs only, no secrets). Export: terraform output -json operator_environment | jq -r 'to_entries[] | \"export \\(.key)=\\(.value)\"'"
  value = merge(local.ace_submitter_environment, local.govwin_shared_environment, {
    AWS_REGION                 = var.aws_region
    HUBSPOT_PORTAL_ID          = var.hubspot_portal_id
    GOVWIN_SYNC_QUEUE_URL      = module.govwin_sync.queue_url
    SUBMIT_QUEUE_URL           = module.ace.submit_queue_url
    UPDATE_QUEUE_URL           = module.ace.update_queue_url
    HUBSPOT_SIGNING_SECRET_ARN = module.secrets.hubspot_signing_secret_arn
    TRIGGER_STAGE_ID           = local.trigger_stage_ids
    # On-failure queues of the asynchronously invoked functions (govwin-ace dlq / doctor; the function
    # is the queue's name without -async-dlq).
    GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL = local.async_failure_queues.govwin_orchestrator_async.url
    ACE_EVENTS_ASYNC_DLQ_URL          = local.async_failure_queues.ace_events_async.url
    ACE_RECONCILE_ASYNC_DLQ_URL       = local.async_failure_queues.ace_reconcile_async.url
    DRIFT_REPORT_ASYNC_DLQ_URL        = local.async_failure_queues.drift_report_async.url
  })
}
