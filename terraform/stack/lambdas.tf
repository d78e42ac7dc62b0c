# The nine functions, one module call each; every call reads as that function's permission manifest.
# Module names follow the build's artifact names (<package>-<handler>, dist/lambdas/manifest.json); the
# repo test tests/unit/terraform checks that every handler the build bundles is deployed here and that
# nothing is deployed without a handler.

locals {
  lambda_defaults = {
    kms_key_arn              = local.kms_key_arn
    permissions_boundary_arn = local.permissions_boundary_arn
    alarm_topic_arn          = module.monitoring.alerts_topic_arn
    log_retention_days       = var.log_retention_days
  }

  # Partition-key guards: `ForAllValues:StringLike` is vacuously true when the request carries no
  # partition key, so each guard pairs it with `Null = false` (a missing key is denied).
  only_replay_keys = [
    { test = "ForAllValues:StringLike", variable = "dynamodb:LeadingKeys", values = ["WHK#*"] },
    { test = "Null", variable = "dynamodb:LeadingKeys", values = ["false"] },
  ]
  only_rate_limit_keys = [
    { test = "ForAllValues:StringLike", variable = "dynamodb:LeadingKeys", values = ["RL#*"] },
    { test = "Null", variable = "dynamodb:LeadingKeys", values = ["false"] },
  ]
  only_audit_keys = [
    { test = "ForAllValues:StringLike", variable = "dynamodb:LeadingKeys", values = ["AUDIT#*"] },
    { test = "Null", variable = "dynamodb:LeadingKeys", values = ["false"] },
  ]
  only_card_keys = [
    { test = "ForAllValues:StringLike", variable = "dynamodb:LeadingKeys", values = ["ACE#*", "DEAL#*", "INV#*", "WHK#*"] },
    { test = "Null", variable = "dynamodb:LeadingKeys", values = ["false"] },
  ]

  # Shared building blocks of the permission manifests below.
  statements = {
    # Shared token buckets (RL#) in sync-state: every function that calls GovWin, HubSpot or ACE.
    rate_limits = {
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
      resources = [module.dynamodb.sync_state_table_arn]
      condition = local.only_rate_limit_keys
    }
    # Audit rows are appended (PutItem + attribute_not_exists in code) and chained (Query for the
    # previous row); no runtime role has UpdateItem, DeleteItem or BatchWriteItem on the audit table.
    append_audit = {
      actions   = ["dynamodb:PutItem", "dynamodb:Query"]
      resources = [module.dynamodb.audit_table_arn]
      condition = local.only_audit_keys
    }
    publish_alerts = {
      actions   = ["sns:Publish"]
      resources = [module.monitoring.alerts_topic_arn]
    }
    read_hubspot_token = {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.secrets.hubspot_token_secret_arn]
    }
    read_signing_secret = {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.secrets.hubspot_signing_secret_arn]
    }
    reserve_replay_key = {
      actions   = ["dynamodb:PutItem"]
      resources = [module.dynamodb.entity_mappings_table_arn]
      condition = local.only_replay_keys
    }
    read_write_mappings = {
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
      resources = [module.dynamodb.entity_mappings_table_arn]
    }
  }

  consume_queue_actions = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]

  # Settings several functions read; each function still lists every variable it gets below.
  trigger_stage_ids = join(",", var.trigger_stage_ids)
  optional_solution = var.ace_solution_id == "" ? {} : { ACE_SOLUTION_ID = var.ace_solution_id }

  # The four ace-submitter handlers share one config loader (packages/ace-submitter/src/config.ts).
  ace_submitter_environment = merge(local.optional_solution, {
    LOG_LEVEL                = var.log_level
    ACE_CATALOG              = var.ace_catalog
    ENTITY_MAPPINGS_TABLE    = module.dynamodb.entity_mappings_table_name
    SYNC_STATE_TABLE         = module.dynamodb.sync_state_table_name
    AUDIT_TABLE              = module.dynamodb.audit_table_name
    HUBSPOT_TOKEN_SECRET_ARN = module.secrets.hubspot_token_secret_arn
    ALERTS_TOPIC_ARN         = module.monitoring.alerts_topic_arn
    AWS_ACCOUNT_ID_FOR_ACE   = local.account_id
    PIPELINE_ID              = var.pipeline_id
    SUBMIT_STAGE_IDS         = local.trigger_stage_ids
    REFERRAL_STAGE_ID        = var.referral_stage_id
    STAGE_ID_SUBMITTED       = var.ace_status_stage_ids.submitted
    STAGE_ID_IN_REVIEW       = var.ace_status_stage_ids.in_review
    STAGE_ID_APPROVED        = var.ace_status_stage_ids.approved
    STAGE_ID_ACTION_REQUIRED = var.ace_status_stage_ids.action_required
    STAGE_ID_CLOSED_LOST     = var.ace_status_stage_ids.closed_lost
    STAGE_ID_CLOSED_WON      = var.ace_status_stage_ids.closed_won
    ACE_INVOLVEMENT_TYPE     = var.ace_involvement_type
    ACE_VISIBILITY           = var.ace_visibility
    MAX_RECEIVE_COUNT        = tostring(local.max_receive_count)
  })

  govwin_shared_environment = {
    LOG_LEVEL                     = var.log_level
    SYNC_STATE_TABLE              = module.dynamodb.sync_state_table_name
    GOVWIN_CREDENTIALS_SECRET_ARN = module.secrets.govwin_credentials_secret_arn
    GOVWIN_TOKEN_SECRET_ARN       = module.secrets.govwin_token_secret_arn
    ALERTS_TOPIC_ARN              = module.monitoring.alerts_topic_arn
  }
}

# ---------------------------------------------------------------------------------------------------
# govwin-poller
# ---------------------------------------------------------------------------------------------------

module "govwin_poller_orchestrator" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-govwin-poller-orchestrator"
  description              = "Scheduled: refreshes the GovWin token, discovers changed opportunities, fans batches out to the sync queue"
  artifact_path            = local.artifacts["govwin-poller-orchestrator"].path
  artifact_sha256          = local.artifacts["govwin-poller-orchestrator"].sha256
  timeout_seconds          = 600
  memory_mb                = 512
  reserved_concurrency     = 1
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  # A tick is worth running until the next one is due (hourly by default); 1800 s still fits both retries
  # of a run that uses its whole 600 s timeout (2 x 600 + 180). A retry never repeats a rejected password
  # grant: shared-core's lockout guard remembers rejected credentials until the secret changes.
  async_invocation = { maximum_retry_attempts = 2, maximum_event_age_in_seconds = 1800 }

  environment = merge(
    local.govwin_shared_environment,
    var.govwin_discovery.saved_search_id == "" ? {} : { GOVWIN_SAVED_SEARCH_ID = var.govwin_discovery.saved_search_id },
    var.govwin_discovery.market == "" ? {} : { GOVWIN_MARKET = var.govwin_discovery.market },
    {
      GOVWIN_SYNC_QUEUE_URL = module.govwin_sync.queue_url
      GOVWIN_DISCOVERY      = var.govwin_discovery.mode
      GOVWIN_MARKED_VERSION = var.govwin_discovery.marked_version
      GOVWIN_OPP_TYPE       = var.govwin_discovery.opp_type
      GOVWIN_LOOKBACK_DAYS  = tostring(var.govwin_discovery.lookback_days)
      GOVWIN_BATCH_SIZE     = tostring(var.govwin_discovery.batch_size)
    },
  )

  policy_statements = {
    read_write_sync_state = {
      actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
      resources = [module.dynamodb.sync_state_table_arn]
    }
    fan_out_batches = {
      actions   = ["sqs:SendMessage"]
      resources = [module.govwin_sync.queue_arn]
    }
    read_govwin_secrets = {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.secrets.govwin_credentials_secret_arn, module.secrets.govwin_token_secret_arn]
    }
    cache_govwin_token = {
      actions   = ["secretsmanager:PutSecretValue"]
      resources = [module.secrets.govwin_token_secret_arn]
    }
    publish_alerts = local.statements.publish_alerts
  }
}

module "govwin_poller_worker" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-govwin-poller-worker"
  description              = "SQS: fetches GovWin opportunities of one batch, upserts companies, contacts and deals in HubSpot"
  artifact_path            = local.artifacts["govwin-poller-worker"].path
  artifact_sha256          = local.artifacts["govwin-poller-worker"].sha256
  timeout_seconds          = 300
  memory_mb                = 512
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = merge(
    local.govwin_shared_environment,
    length(var.govwin_stage_ids) == 0 ? {} : { HUBSPOT_STAGE_IDS = jsonencode(var.govwin_stage_ids) },
    var.hubspot_pipeline_label == "" ? {} : { HUBSPOT_PIPELINE_LABEL = var.hubspot_pipeline_label },
    var.hubspot_rate_limit_per_10s == null ? {} : { HUBSPOT_RATE_LIMIT_PER_10S = tostring(var.hubspot_rate_limit_per_10s) },
    {
      HUBSPOT_TOKEN_SECRET_ARN = module.secrets.hubspot_token_secret_arn
      PIPELINE_ID              = var.pipeline_id
      AUDIT_TABLE              = module.dynamodb.audit_table_name
    },
  )

  policy_statements = {
    consume_sync_queue = {
      actions   = local.consume_queue_actions
      resources = [module.govwin_sync.queue_arn]
    }
    read_write_sync_state = {
      actions   = ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
      resources = [module.dynamodb.sync_state_table_arn]
    }
    read_govwin_secrets = {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.secrets.govwin_credentials_secret_arn, module.secrets.govwin_token_secret_arn]
    }
    cache_govwin_token = {
      actions   = ["secretsmanager:PutSecretValue"]
      resources = [module.secrets.govwin_token_secret_arn]
    }
    read_hubspot_token = local.statements.read_hubspot_token
    # One audit row per deal write HubSpot accepted (packages/govwin-poller/src/audit-sync-writes.ts).
    append_audit   = local.statements.append_audit
    publish_alerts = local.statements.publish_alerts
  }
}

# ---------------------------------------------------------------------------------------------------
# hubspot-webhook-receiver (internet-facing: replay keys only, enqueue, alert)
# ---------------------------------------------------------------------------------------------------

module "hubspot_webhook_receiver" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-hubspot-webhook-receiver-receiver"
  description              = "HTTP POST /hubspot/webhooks: verifies signature v3, reserves the replay key, routes events to the submit / update queues"
  artifact_path            = local.artifacts["hubspot-webhook-receiver-receiver"].path
  artifact_sha256          = local.artifacts["hubspot-webhook-receiver-receiver"].sha256
  timeout_seconds          = 9
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = {
    LOG_LEVEL                  = var.log_level
    HUBSPOT_SIGNING_SECRET_ARN = module.secrets.hubspot_signing_secret_arn
    ENTITY_MAPPINGS_TABLE      = module.dynamodb.entity_mappings_table_name
    SUBMIT_QUEUE_URL           = module.ace.submit_queue_url
    UPDATE_QUEUE_URL           = module.ace.update_queue_url
    ALERTS_TOPIC_ARN           = module.monitoring.alerts_topic_arn
    PUBLIC_WEBHOOK_URL         = local.public_webhook_url
    HUBSPOT_APP_ID             = var.hubspot_app_id
    TRIGGER_STAGE_ID           = local.trigger_stage_ids
    ACE_CATALOG                = var.ace_catalog
  }

  policy_statements = {
    read_signing_secret = local.statements.read_signing_secret
    reserve_replay_key  = local.statements.reserve_replay_key
    enqueue_events = {
      actions   = ["sqs:SendMessage"]
      resources = [module.ace.submit_queue_arn, module.ace.update_queue_arn]
    }
    publish_alerts = local.statements.publish_alerts
  }
}

# ---------------------------------------------------------------------------------------------------
# ace-submitter
# ---------------------------------------------------------------------------------------------------

module "ace_submitter_submit" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ace-submitter-submit"
  description              = "SQS: CreateOpportunity -> AssociateOpportunity -> StartEngagementFromOpportunityTask, resumable per step"
  artifact_path            = local.artifacts["ace-submitter-submit"].path
  artifact_sha256          = local.artifacts["ace-submitter-submit"].sha256
  timeout_seconds          = 120
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = local.ace_submitter_environment

  policy_statements = merge(module.ace.partner_central_statements.submit, {
    consume_submit_queue = {
      actions   = local.consume_queue_actions
      resources = [module.ace.submit_queue_arn]
    }
    read_write_mappings = local.statements.read_write_mappings
    rate_limits         = local.statements.rate_limits
    append_audit        = local.statements.append_audit
    read_hubspot_token  = local.statements.read_hubspot_token
    publish_alerts      = local.statements.publish_alerts
  })
}

module "ace_submitter_update" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ace-submitter-update"
  description              = "SQS: applies whitelisted deal edits to the live ACE opportunity (self-heal verify, optimistic locking, parking)"
  artifact_path            = local.artifacts["ace-submitter-update"].path
  artifact_sha256          = local.artifacts["ace-submitter-update"].sha256
  timeout_seconds          = 60
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = local.ace_submitter_environment

  policy_statements = merge(module.ace.partner_central_statements.update, {
    consume_update_queue = {
      actions   = local.consume_queue_actions
      resources = [module.ace.update_queue_arn]
    }
    read_write_mappings = local.statements.read_write_mappings
    rate_limits         = local.statements.rate_limits
    append_audit        = local.statements.append_audit
    read_hubspot_token  = local.statements.read_hubspot_token
    publish_alerts      = local.statements.publish_alerts
  })
}

module "ace_submitter_events" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ace-submitter-events"
  description              = "EventBridge: mirrors ACE review status and lifecycle to HubSpot; turns AWS referrals into deals; hands review-exit replays to the update queue"
  artifact_path            = local.artifacts["ace-submitter-events"].path
  artifact_sha256          = local.artifacts["ace-submitter-events"].sha256
  timeout_seconds          = 60
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  # The handler re-reads the live opportunity, so a late event is still correct; an event that could not
  # run within an hour (throttling, an outage) goes to the DLQ and its alarm instead of waiting longer.
  async_invocation = { maximum_retry_attempts = 2, maximum_event_age_in_seconds = 3600 }

  environment = merge(local.ace_submitter_environment, {
    UPDATE_QUEUE_URL = module.ace.update_queue_url
  })

  # Partner Central reads only: edits parked during a review are replayed by the update function, which
  # this one asks with one replayParked message (docs/queue-messages.md; KMS via SQS above).
  policy_statements = merge(module.ace.partner_central_statements.events, {
    request_replays = {
      actions   = ["sqs:SendMessage"]
      resources = [module.ace.update_queue_arn]
    }
    read_write_mappings = local.statements.read_write_mappings
    rate_limits         = local.statements.rate_limits
    append_audit        = local.statements.append_audit
    read_hubspot_token  = local.statements.read_hubspot_token
    publish_alerts      = local.statements.publish_alerts
  })
}

module "ace_submitter_reconcile" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ace-submitter-reconcile"
  description              = "Scheduled: replays parked edits, re-drives failed ACE events and repairs drift that best-effort EventBridge delivery missed"
  artifact_path            = local.artifacts["ace-submitter-reconcile"].path
  artifact_sha256          = local.artifacts["ace-submitter-reconcile"].sha256
  timeout_seconds          = 300
  memory_mb                = 256
  reserved_concurrency     = 1
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  # Ticks every 6 hours by default; 1800 s fits both retries of a 300 s run and lets a tick throttled
  # behind a still-running sweep (reserved concurrency 1) wait for it.
  async_invocation = { maximum_retry_attempts = 2, maximum_event_age_in_seconds = 1800 }

  # The submit queue and the HubSpot account id let the sweep re-queue trigger-stage deals whose webhook was
  # lost (the message names the account; docs/queue-messages.md). hubspot_portal_id is required, so the
  # sweep is always on in a deployed stack. The app id tells a rep's edit from the integration's own write in
  # a deal's property history: the lost-edit sweep applies rep edits whose webhook HubSpot dropped.
  # ACE_EVENTS_ASYNC_DLQ_URL (the name the operator CLI uses for it) is the events function's on-failure
  # queue: each run re-drives the records of events that failed all of Lambda's async attempts through
  # the events use case, so a transient outage heals without an operator.
  environment = merge(local.ace_submitter_environment, {
    SUBMIT_QUEUE_URL         = module.ace.submit_queue_url
    HUBSPOT_PORTAL_ID        = var.hubspot_portal_id
    HUBSPOT_APP_ID           = var.hubspot_app_id
    ACE_EVENTS_ASYNC_DLQ_URL = module.ace_submitter_events.async_failure_queue.url
  })

  policy_statements = merge(module.ace.partner_central_statements.reconcile, {
    # The sweep scans for parked edits (the prior art's shared role could not).
    sweep_mappings = {
      actions   = ["dynamodb:Scan"]
      resources = [module.dynamodb.entity_mappings_table_arn]
    }
    # The same versioned submit message the receiver sends (KMS via SQS above).
    requeue_submissions = {
      actions   = ["sqs:SendMessage"]
      resources = [module.ace.submit_queue_arn]
    }
    # Re-drive of failed events: receive a record of the events function's on-failure queue, delete it
    # once the event ran, release it (visibility 0) when it failed again or is past its try cap; that
    # queue only, no SendMessage (Lambda writes the records with the events role; KMS via SQS above).
    redrive_failed_events = {
      actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage"]
      resources = [module.ace_submitter_events.async_failure_queue.arn]
    }
    read_write_mappings = local.statements.read_write_mappings
    rate_limits         = local.statements.rate_limits
    append_audit        = local.statements.append_audit
    read_hubspot_token  = local.statements.read_hubspot_token
    publish_alerts      = local.statements.publish_alerts
  })
}

# ---------------------------------------------------------------------------------------------------
# ui-ext-reads / ui-ext-writes (internet-facing card routes)
# ---------------------------------------------------------------------------------------------------

module "ui_ext_reads" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ui-ext-reads-reads"
  description              = "HTTP GET /ui-extension/*: signed card reads (solutions and the other pickers)"
  artifact_path            = local.artifacts["ui-ext-reads-reads"].path
  artifact_sha256          = local.artifacts["ui-ext-reads-reads"].sha256
  timeout_seconds          = 9
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = {
    LOG_LEVEL                  = var.log_level
    ACE_CATALOG                = var.ace_catalog
    HUBSPOT_SIGNING_SECRET_ARN = module.secrets.hubspot_signing_secret_arn
    ENTITY_MAPPINGS_TABLE      = module.dynamodb.entity_mappings_table_name
    PUBLIC_UI_BASE_URL         = local.public_ui_base_url
    HUBSPOT_APP_ID             = var.hubspot_app_id
    PIPELINE_ID                = var.pipeline_id
    TRIGGER_STAGE_ID           = local.trigger_stage_ids
    REFERRAL_STAGE_ID          = var.referral_stage_id
  }

  # ListSolutions + its signing secret + replay keys, nothing else (no HubSpot token, no other table).
  policy_statements = merge(module.ace.partner_central_statements.ui_reads, {
    read_signing_secret = local.statements.read_signing_secret
    reserve_replay_key  = local.statements.reserve_replay_key
  })
}

module "ui_ext_writes" {
  source = "../modules/lambda"

  name                     = "${local.name_prefix}-ui-ext-writes-writes"
  description              = "HTTP POST /ui-extension/*: signed card actions (submit, update, products, accept / reject referral)"
  artifact_path            = local.artifacts["ui-ext-writes-writes"].path
  artifact_sha256          = local.artifacts["ui-ext-writes-writes"].sha256
  timeout_seconds          = 28
  memory_mb                = 256
  kms_key_arn              = local.lambda_defaults.kms_key_arn
  kms_via_services         = ["dynamodb", "secretsmanager", "sns", "sqs"]
  permissions_boundary_arn = local.lambda_defaults.permissions_boundary_arn
  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn
  log_retention_days       = local.lambda_defaults.log_retention_days

  environment = merge(local.optional_solution, {
    LOG_LEVEL                  = var.log_level
    ACE_CATALOG                = var.ace_catalog
    HUBSPOT_SIGNING_SECRET_ARN = module.secrets.hubspot_signing_secret_arn
    HUBSPOT_TOKEN_SECRET_ARN   = module.secrets.hubspot_token_secret_arn
    ENTITY_MAPPINGS_TABLE      = module.dynamodb.entity_mappings_table_name
    SYNC_STATE_TABLE           = module.dynamodb.sync_state_table_name
    AUDIT_TABLE                = module.dynamodb.audit_table_name
    ALERTS_TOPIC_ARN           = module.monitoring.alerts_topic_arn
    PUBLIC_UI_BASE_URL         = local.public_ui_base_url
    HUBSPOT_APP_ID             = var.hubspot_app_id
    PIPELINE_ID                = var.pipeline_id
    TRIGGER_STAGE_ID           = local.trigger_stage_ids
    REFERRAL_STAGE_ID          = var.referral_stage_id
    AWS_ACCOUNT_ID_FOR_ACE     = local.account_id
    SUBMIT_QUEUE_URL           = module.ace.submit_queue_url
  })

  policy_statements = merge(module.ace.partner_central_statements.ui_writes, {
    read_signing_secret = local.statements.read_signing_secret
    read_hubspot_token  = local.statements.read_hubspot_token
    # Replay keys plus the deal / ACE / invitation rows the card reads and updates; never EVT# or others.
    read_write_card_rows = {
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
      resources = [module.dynamodb.entity_mappings_table_arn]
      condition = local.only_card_keys
    }
    # An accepted referral is handed to ace-submitter on the submit queue (ADR 0007): this role never
    # starts an engagement itself. Exactly that queue (KMS via SQS above).
    queue_referral_accept = {
      actions   = ["sqs:SendMessage"]
      resources = [module.ace.submit_queue_arn]
    }
    rate_limits    = local.statements.rate_limits
    append_audit   = local.statements.append_audit
    publish_alerts = local.statements.publish_alerts
  })
}
