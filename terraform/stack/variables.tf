# ---------------------------------------------------------------------------------------------------
# Deployment identity
# ---------------------------------------------------------------------------------------------------

variable "project" {
  description = "Project name, first half of every resource name (`<project>-<environment>-...`). Changing it after a deploy recreates everything."
  type        = string
  default     = "govwin-ace"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}[a-z0-9]$", var.project))
    error_message = "project must be 3-17 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "environment" {
  description = "Environment name, second half of the prefix (e.g. dev, staging, prod)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.environment))
    error_message = "environment must be 2-8 lowercase letters or digits, starting with a letter."
  }
}

variable "aws_region" {
  description = "Region of the stack. Partner Central delivers its EventBridge events only in us-east-1."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = var.aws_region == "us-east-1"
    error_message = "aws_region must be us-east-1 (Partner Central events arrive only there)."
  }
}

variable "deployer_role_arn" {
  description = "Deployer role from terraform/bootstrap that Terraform assumes; empty when the caller's session already is that role."
  type        = string
  default     = ""

  validation {
    condition     = var.deployer_role_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+-deployer$", var.deployer_role_arn))
    error_message = "deployer_role_arn must be empty or the ARN of a <prefix>-deployer role."
  }
}

variable "operator_principal_arns" {
  description = "IAM users or roles that may assume the operations role `<prefix>-operator` (with MFA) to run the govwin-ace CLI; empty = no operations role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.operator_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/.+$", a))])
    error_message = "operator_principal_arns must be IAM user or role ARNs."
  }
}

variable "tags" {
  description = "Extra default tags (Application, Project, Environment and ManagedBy are always set)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------------
# Partner Central
# ---------------------------------------------------------------------------------------------------

variable "ace_catalog" {
  description = "Partner Central catalog: `Sandbox` (default) or `AWS`. Switching to AWS is a deliberate production decision (docs/deployment-guide.md)."
  type        = string
  default     = "Sandbox"

  validation {
    condition     = contains(["Sandbox", "AWS"], var.ace_catalog)
    error_message = "ace_catalog must be Sandbox or AWS."
  }
}

variable "ace_solution_id" {
  description = "Partner Central solution associated with every new opportunity (S-digits); empty = none (Sandbox accounts often have no solution)."
  type        = string
  default     = ""

  validation {
    condition     = var.ace_solution_id == "" || can(regex("^S-[0-9]{1,19}$", var.ace_solution_id))
    error_message = "ace_solution_id must be empty or a solution id such as S-0012345."
  }
}

variable "ace_involvement_type" {
  description = "Involvement type of new opportunities."
  type        = string
  default     = "Co-Sell"

  validation {
    condition     = contains(["Co-Sell", "For Visibility Only"], var.ace_involvement_type)
    error_message = "ace_involvement_type must be Co-Sell or For Visibility Only."
  }
}

variable "ace_visibility" {
  description = "Visibility of new opportunities to AWS."
  type        = string
  default     = "Full"

  validation {
    condition     = contains(["Full", "Limited"], var.ace_visibility)
    error_message = "ace_visibility must be Full or Limited."
  }
}

# ---------------------------------------------------------------------------------------------------
# HubSpot
# ---------------------------------------------------------------------------------------------------

variable "hubspot_app_id" {
  description = "Id of the HubSpot developer-platform app (loop suppression: our own writes carry it)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{1,20}$", var.hubspot_app_id))
    error_message = "hubspot_app_id must be the numeric HubSpot app id."
  }
}

# Required (no default): without it reconcile's sweep for trigger-stage deals whose webhook was lost would
# be silently off, and a lost dealstage webhook would leave the deal unsubmitted for good.
variable "hubspot_portal_id" {
  description = "HubSpot account (portal) id, digits as shown in HubSpot's account menu: the reconcile sweep re-queues trigger-stage deals whose webhook was lost with it (HUBSPOT_PORTAL_ID), and the govwin-ace CLI's repairs read it from output `operator_environment`."
  type        = string

  validation {
    condition     = can(regex("^[1-9][0-9]{0,19}$", var.hubspot_portal_id))
    error_message = "hubspot_portal_id must be the HubSpot account id: a positive integer written as a string of digits, e.g. \"24156720\"."
  }
}

variable "pipeline_id" {
  description = "HubSpot deal pipeline id the integration works in (`govwin-ace setup-hubspot` prints it)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,100}$", var.pipeline_id))
    error_message = "pipeline_id must be a HubSpot pipeline id (letters, digits, _ or -)."
  }
}

variable "trigger_stage_ids" {
  description = "HubSpot deal stage ids whose entry submits the deal to ACE (TRIGGER_STAGE_ID / SUBMIT_STAGE_IDS)."
  type        = list(string)

  validation {
    condition     = length(var.trigger_stage_ids) > 0 && alltrue([for s in var.trigger_stage_ids : can(regex("^[A-Za-z0-9_-]{1,100}$", s))])
    error_message = "trigger_stage_ids must list at least one HubSpot stage id (letters, digits, _ or -)."
  }
}

variable "ace_status_stage_ids" {
  description = "HubSpot deal stage ids that mirror the ACE review status and lifecycle (STAGE_ID_*)."
  type = object({
    submitted       = string
    in_review       = string
    approved        = string
    action_required = string
    closed_lost     = string
    closed_won      = string
  })

  validation {
    condition     = alltrue([for s in values(var.ace_status_stage_ids) : can(regex("^[A-Za-z0-9_-]{1,100}$", s))])
    error_message = "Every ace_status_stage_ids entry must be a HubSpot stage id (letters, digits, _ or -)."
  }
}

variable "referral_stage_id" {
  description = "HubSpot deal stage id in which AWS referrals (engagement invitations) are created."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,100}$", var.referral_stage_id))
    error_message = "referral_stage_id must be a HubSpot stage id (letters, digits, _ or -)."
  }
}

# ---------------------------------------------------------------------------------------------------
# Schedules and capacity
# ---------------------------------------------------------------------------------------------------

variable "govwin_sync_schedule" {
  description = "When GovWin discovery runs (UTC): rate(...) or cron(...). rate(4 hours) suits typical BD use."
  type        = string
  default     = "rate(1 hour)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\([^)]+\\))$", var.govwin_sync_schedule))
    error_message = "govwin_sync_schedule must be rate(<n> <unit>) or cron(<fields>)."
  }
}

variable "reconcile_schedule" {
  description = "When the ACE reconcile sweep runs (UTC): rate(...) or cron(...)."
  type        = string
  default     = "rate(6 hours)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\([^)]+\\))$", var.reconcile_schedule))
    error_message = "reconcile_schedule must be rate(<n> <unit>) or cron(<fields>)."
  }
}

variable "reconcile_alarm_period_seconds" {
  description = "Seconds between two reconcile runs, the period of the sweeps-stopped-early alarm (two runs in a row page); null takes it from a rate(...) reconcile_schedule. Required when reconcile_schedule is cron(...)."
  type        = number
  default     = null

  validation {
    condition     = var.reconcile_alarm_period_seconds != null || startswith(var.reconcile_schedule, "rate(")
    error_message = "reconcile_alarm_period_seconds must be set when reconcile_schedule is a cron(...) expression."
  }
}

variable "govwin_discovery" {
  description = "How the orchestrator finds GovWin opportunities, one orchestrator variable each: mode (GOVWIN_DISCOVERY: marked, bookmarked, saved-search, search), marked_version (GOVWIN_MARKED_VERSION: 2.2 or 2), saved_search_id (GOVWIN_SAVED_SEARCH_ID, set when not empty; required by saved-search), opp_type (GOVWIN_OPP_TYPE: OPP, TNS, BID, FBO, OPN, TOP, ALL), market (GOVWIN_MARKET: Federal, SLED or empty), lookback_days (GOVWIN_LOOKBACK_DAYS: 1-3650, search mode), batch_size (GOVWIN_BATCH_SIZE: opportunities per queue message, 1-100)."
  type = object({
    mode            = optional(string, "marked")
    marked_version  = optional(string, "2.2")
    saved_search_id = optional(string, "")
    opp_type        = optional(string, "ALL")
    market          = optional(string, "")
    lookback_days   = optional(number, 365)
    batch_size      = optional(number, 100)
  })
  default = {}

  validation {
    condition     = contains(["marked", "bookmarked", "saved-search", "search"], var.govwin_discovery.mode)
    error_message = "govwin_discovery.mode must be marked, bookmarked, saved-search or search (GOVWIN_DISCOVERY)."
  }
  validation {
    condition     = contains(["2.2", "2"], var.govwin_discovery.marked_version)
    error_message = "govwin_discovery.marked_version must be 2.2 (Web Services download marks) or 2 (CRM marks) (GOVWIN_MARKED_VERSION)."
  }
  validation {
    condition     = can(regex("^[0-9]{0,19}$", var.govwin_discovery.saved_search_id))
    error_message = "govwin_discovery.saved_search_id must be empty or a numeric GovWin saved search id (GOVWIN_SAVED_SEARCH_ID)."
  }
  validation {
    condition     = var.govwin_discovery.mode != "saved-search" || var.govwin_discovery.saved_search_id != ""
    error_message = "govwin_discovery.saved_search_id is required when mode is saved-search."
  }
  validation {
    condition     = contains(["OPP", "TNS", "BID", "FBO", "OPN", "TOP", "ALL"], var.govwin_discovery.opp_type)
    error_message = "govwin_discovery.opp_type must be OPP, TNS, BID, FBO, OPN, TOP or ALL (GOVWIN_OPP_TYPE)."
  }
  validation {
    condition     = contains(["", "Federal", "SLED"], var.govwin_discovery.market)
    error_message = "govwin_discovery.market must be empty, Federal or SLED (GOVWIN_MARKET)."
  }
  validation {
    condition     = var.govwin_discovery.lookback_days >= 1 && var.govwin_discovery.lookback_days <= 3650 && floor(var.govwin_discovery.lookback_days) == var.govwin_discovery.lookback_days
    error_message = "govwin_discovery.lookback_days must be a whole number of days from 1 to 3650 (GOVWIN_LOOKBACK_DAYS)."
  }
  validation {
    condition     = var.govwin_discovery.batch_size >= 1 && var.govwin_discovery.batch_size <= 100 && floor(var.govwin_discovery.batch_size) == var.govwin_discovery.batch_size
    error_message = "govwin_discovery.batch_size must be a whole number of opportunities per queue message from 1 to 100 (GOVWIN_BATCH_SIZE)."
  }
}

variable "govwin_stage_ids" {
  description = "Optional GovWin stage key -> HubSpot stage id overrides for the worker (HUBSPOT_STAGE_IDS, e.g. { closed_won = \"123\" }); keys: opportunity_identified, reviewing_requirements, preparing_response, submitted, closed_won, closed_lost, declined, other; empty = stages found by label in the pipeline."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.govwin_stage_ids : contains(["opportunity_identified", "reviewing_requirements", "preparing_response", "submitted", "closed_won", "closed_lost", "declined", "other"], k)])
    error_message = "govwin_stage_ids keys must be GovWin stage keys: opportunity_identified, reviewing_requirements, preparing_response, submitted, closed_won, closed_lost, declined, other."
  }
  validation {
    condition     = alltrue([for k, v in var.govwin_stage_ids : can(regex("^[A-Za-z0-9_-]{1,100}$", v))])
    error_message = "Every govwin_stage_ids value must be a HubSpot stage id (letters, digits, _ or -)."
  }
}

variable "hubspot_pipeline_label" {
  description = "Label of the HubSpot deal pipeline the GovWin worker writes to (HUBSPOT_PIPELINE_LABEL); it names the pipeline in error messages and finds it when pipeline_id does not. Empty = the worker's default, \"GovWin Pipeline\"."
  type        = string
  default     = ""

  validation {
    condition     = length(var.hubspot_pipeline_label) <= 100 && trimspace(var.hubspot_pipeline_label) == var.hubspot_pipeline_label
    error_message = "hubspot_pipeline_label must be at most 100 characters, without leading or trailing spaces."
  }
}

variable "hubspot_rate_limit_per_10s" {
  description = "Your HubSpot subscription's API limit per 10 seconds, shared by the GovWin workers through one token bucket (HUBSPOT_RATE_LIMIT_PER_10S, 10-1000; e.g. 190 for Professional/Enterprise). null = the worker's default, 100."
  type        = number
  default     = null

  validation {
    # A conditional, not ||: Terraform evaluates both operands of || and a comparison with null fails.
    condition     = var.hubspot_rate_limit_per_10s == null ? true : (var.hubspot_rate_limit_per_10s >= 10 && var.hubspot_rate_limit_per_10s <= 1000 && floor(var.hubspot_rate_limit_per_10s) == var.hubspot_rate_limit_per_10s)
    error_message = "hubspot_rate_limit_per_10s must be null or a whole number from 10 to 1000."
  }
}

variable "schedules_enabled" {
  description = "Whether the GovWin sync and reconcile schedules fire. false for the first apply (before HubSpot is set up) and to pause the integration."
  type        = bool
  default     = true
}

variable "govwin_worker_concurrency" {
  description = "Concurrent GovWin workers (2-5); all share the 4,000 calls/hour GovWin budget."
  type        = number
  default     = 2

  validation {
    condition     = var.govwin_worker_concurrency >= 2 && var.govwin_worker_concurrency <= 5
    error_message = "govwin_worker_concurrency must be between 2 and 5."
  }
}

variable "api_throttling" {
  description = "HTTP API stage-wide throttling: burst (requests) and rate (requests per second)."
  type        = object({ burst = number, rate = number })
  default     = { burst = 100, rate = 50 }
}

# ---------------------------------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------------------------------

variable "log_level" {
  description = "LOG_LEVEL of every function."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR."
  }
}

variable "log_retention_days" {
  description = "Retention of every log group (functions and API access logs)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "notification_email" {
  description = "Address subscribed to the alerts topic; empty = subscribe something else by hand."
  type        = string
  default     = ""
}

variable "update_fanout_per_minute" {
  description = "ACE update invocations per minute (sustained 15 min) that raise the fan-out alarm; 0 disables it."
  type        = number
  default     = 30
}

variable "table_deletion_protection" {
  description = "Deletion protection on the DynamoDB tables; turn off and apply before a deliberate destroy."
  type        = bool
  default     = true
}

variable "artifacts_dir" {
  description = "Directory holding the build output (manifest.json and the zips); empty = <repo>/dist/lambdas."
  type        = string
  default     = ""
}

variable "drift_report_schedule" {
  description = "When the read-only drift report runs (UTC): rate(...) or cron(...). Daily by default."
  type        = string
  default     = "cron(0 6 * * ? *)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\([^)]+\\))$", var.drift_report_schedule))
    error_message = "drift_report_schedule must be rate(<n> <unit>) or cron(<fields>)."
  }
}

variable "drift_report_limit" {
  description = "At most this many deals the scheduled drift report compares per run (bounds Partner Central reads)."
  type        = number
  default     = 2000

  validation {
    condition     = var.drift_report_limit >= 1 && var.drift_report_limit <= 10000 && floor(var.drift_report_limit) == var.drift_report_limit
    error_message = "drift_report_limit must be a whole number from 1 to 10000."
  }
}
