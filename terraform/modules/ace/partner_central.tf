# Partner Central permissions of every role, in one place, each statement pinned to var.ace_catalog
# twice: by the `partnercentral:Catalog` condition (every Partner Central action supports it) and by the
# catalog segment of the resource ARN where the action has a resource type. Actions without a resource
# type (List*) take "*" — the only wildcard here; scripts/check-terraform.ts verifies each one against
# the IAM reference data. ARN formats follow the Service Authorization Reference:
# https://docs.aws.amazon.com/service-authorization/latest/reference/list_awspartnercentralselling.html
#
# Who may do what (DESIGN §5). Edits reach AWS only through update, the card's writes route and reconcile:
#   submit    - the only role with CreateOpportunity and StartEngagement* (FromOpportunityTask, and
#               ByAcceptingInvitationTask for a referral the rep accepted on the card, ADR 0007); refreshes
#               a pending opportunity (UpdateOpportunity) before submitting it again
#   update    - read + UpdateOpportunity / Associate / Disassociate: deal edits (products and solution
#               included, whether made on the card or elsewhere in HubSpot) and the parked edits the events
#               handler asks it to replay (a `replayParked` message); the self-heal check re-reads first
#   events    - reads only: opportunities and invitations (mirror to HubSpot), the accept task that turned
#               an accepted referral into an opportunity (ListEngagementByAcceptingInvitationTasks); hands
#               review-exit replays to the update queue (sqs:SendMessage, terraform/stack/lambdas.tf)
#   reconcile - read + UpdateOpportunity / Associate / Disassociate (replays parked edits whose events were
#               missed), lists opportunities and tasks; lists pending invitations and reads each one to
#               create the referral deal whose Created event was dropped; re-queues trigger-stage deals
#               whose webhook was lost (sqs:SendMessage to the submit queue, terraform/stack/lambdas.tf)
#   reads     - ListSolutions only (the card's solution picker)
#   writes    - Update / Associate / Disassociate + read and reject invitations, exactly what the card
#               calls (packages/ui-ext-writes/src/invitation-client.ts); never Create / Start*: an accepted
#               referral is queued for the submit role (sqs:SendMessage, terraform/stack/lambdas.tf), and
#               nothing calls AcceptEngagementInvitation (the accept task accepts)

locals {
  # Partner Central Selling is served from us-east-1 only (reference/external-apis.md §1.1).
  pc_arn_base = "arn:${local.partition}:partnercentral:us-east-1"
  pc_arns = {
    opportunity           = "${local.pc_arn_base}:${local.account_id}:catalog/${var.ace_catalog}/opportunity/*"
    engagement            = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement/*"
    engagement_invitation = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement-invitation/*"
    engagement_task       = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement-from-opportunity-task/*"
    accept_task           = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement-by-accepting-invitation-task/*"
    resource_snapshot     = "${local.pc_arn_base}:${local.account_id}:catalog/${var.ace_catalog}/engagement/*"
    resource_snapshot_job = "${local.pc_arn_base}:${local.account_id}:catalog/${var.ace_catalog}/resource-snapshot-job/*"
  }
  catalog_condition = [{ test = "StringEquals", variable = "partnercentral:Catalog", values = [var.ace_catalog] }]

  partner_central_statements = {
    submit = {
      ace_create_opportunity = {
        actions   = ["partnercentral:AssociateOpportunity", "partnercentral:CreateOpportunity", "partnercentral:GetOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      # A pending opportunity gets the deal's current mapping before it is submitted again.
      ace_refresh_opportunity = {
        actions   = ["partnercentral:UpdateOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      ace_find_opportunity = {
        actions   = ["partnercentral:ListOpportunities"]
        resources = ["*"]
        condition = local.catalog_condition
      }
      ace_start_engagement = {
        actions   = ["partnercentral:StartEngagementFromOpportunityTask"]
        resources = [local.pc_arns.engagement_task]
        condition = local.catalog_condition
      }
      ace_track_engagement_task = {
        actions   = ["partnercentral:ListEngagementFromOpportunityTasks"]
        resources = ["*"]
        condition = local.catalog_condition
      }
      # An AWS referral the rep accepted on the card (packages/ace-submitter/src/accept-referral.ts): the
      # invitation is read first, a redelivery finds the task it started, and the task both accepts the
      # invitation and has AWS create the opportunity. The IAM reference data lists no dependent actions.
      ace_accept_referral = {
        actions   = ["partnercentral:StartEngagementByAcceptingInvitationTask"]
        resources = [local.pc_arns.accept_task]
        condition = local.catalog_condition
      }
      ace_read_referral = {
        actions   = ["partnercentral:GetEngagementInvitation"]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
      ace_track_accept_task = {
        actions   = ["partnercentral:ListEngagementByAcceptingInvitationTasks"]
        resources = ["*"]
        condition = local.catalog_condition
      }
      # StartEngagementFromOpportunityTask runs these steps as the caller (engagement, snapshot,
      # invitation, submission); the prior art needed them on the submitting role.
      ace_engagement_task_steps = {
        actions = [
          "partnercentral:CreateEngagement",
          "partnercentral:CreateEngagementInvitation",
          "partnercentral:CreateResourceSnapshot",
          "partnercentral:CreateResourceSnapshotJob",
          "partnercentral:GetEngagement",
          "partnercentral:StartResourceSnapshotJob",
          "partnercentral:SubmitOpportunity",
        ]
        resources = [
          local.pc_arns.engagement,
          local.pc_arns.engagement_invitation,
          local.pc_arns.opportunity,
          local.pc_arns.resource_snapshot,
          local.pc_arns.resource_snapshot_job,
        ]
        condition = local.catalog_condition
      }
    }

    update = {
      # Field edits through UpdateOpportunity; product / solution edits through Associate / Disassociate
      # (apply-changes.ts), both for webhook edits and for replayed parked edits (replay-requested.ts).
      ace_update_opportunity = {
        actions = [
          "partnercentral:AssociateOpportunity",
          "partnercentral:DisassociateOpportunity",
          "partnercentral:GetOpportunity",
          "partnercentral:UpdateOpportunity",
        ]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
    }

    events = {
      ace_read_opportunity = {
        actions   = ["partnercentral:GetOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      # A referral deal is created from its invitation (Engagement Invitation Created).
      ace_read_invitation = {
        actions   = ["partnercentral:GetEngagementInvitation"]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
      # An opportunity AWS created from an accepted referral is bound to the referral's deal through the
      # accept task that produced it (packages/ace-submitter/src/handle-ace-event.ts).
      ace_find_accept_task = {
        actions   = ["partnercentral:ListEngagementByAcceptingInvitationTasks"]
        resources = ["*"]
        condition = local.catalog_condition
      }
    }

    reconcile = {
      # Replaying a parked product or solution edit associates / disassociates (apply-changes.ts).
      ace_repair_opportunity = {
        actions = [
          "partnercentral:AssociateOpportunity",
          "partnercentral:DisassociateOpportunity",
          "partnercentral:GetOpportunity",
          "partnercentral:UpdateOpportunity",
        ]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      # The sweep finds drifted opportunities and submissions AWS failed (their latest task), and binds the
      # opportunity of an accepted referral whose Opportunity Created event was missed (its accept task).
      # It also lists pending invitations: a referral whose Engagement Invitation Created event was dropped.
      ace_list = {
        actions = [
          "partnercentral:ListEngagementByAcceptingInvitationTasks",
          "partnercentral:ListEngagementFromOpportunityTasks",
          "partnercentral:ListEngagementInvitations",
          "partnercentral:ListOpportunities",
        ]
        resources = ["*"]
        condition = local.catalog_condition
      }
      # A listed invitation with no deal becomes one exactly as the events handler does it (referrals.ts).
      ace_read_invitation = {
        actions   = ["partnercentral:GetEngagementInvitation"]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
    }

    # The scheduled drift report only reads (packages/cli/src/drift/scheduled-report.ts).
    drift_report = {
      ace_read_opportunity = {
        actions   = ["partnercentral:GetOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
    }

    ui_reads = {
      ace_list_solutions = {
        actions   = ["partnercentral:ListSolutions"]
        resources = ["*"]
        condition = local.catalog_condition
      }
    }

    ui_writes = {
      ace_edit_opportunity = {
        actions = [
          "partnercentral:AssociateOpportunity",
          "partnercentral:DisassociateOpportunity",
          "partnercentral:GetOpportunity",
          "partnercentral:UpdateOpportunity",
        ]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      ace_answer_invitation = {
        actions = [
          "partnercentral:GetEngagementInvitation",
          "partnercentral:RejectEngagementInvitation",
        ]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
    }
  }
}
