# Partner Central permissions of every role, in one place, each statement pinned to var.ace_catalog
# twice: by the `partnercentral:Catalog` condition (every Partner Central action supports it) and by the
# catalog segment of the resource ARN where the action has a resource type. Actions without a resource
# type (List*) take "*" — the only wildcard here; scripts/check-terraform.ts verifies each one against
# the IAM reference data. ARN formats follow the Service Authorization Reference:
# https://docs.aws.amazon.com/service-authorization/latest/reference/list_awspartnercentralselling.html
#
# Who may do what (DESIGN §5):
#   submit    - the only role with CreateOpportunity and StartEngagementFromOpportunityTask
#   update    - read + UpdateOpportunity (the self-heal check re-reads the live record first)
#   events    - read opportunities and invitations (mirror to HubSpot)
#   reconcile - read + UpdateOpportunity (replays parked edits)
#   reads     - ListSolutions only (the card's solution picker)
#   writes    - Update / Associate / Disassociate + accept / reject invitations; never Create / Start*

locals {
  # Partner Central Selling is served from us-east-1 only (reference/external-apis.md §1.1).
  pc_arn_base = "arn:${local.partition}:partnercentral:us-east-1"
  pc_arns = {
    opportunity           = "${local.pc_arn_base}:${local.account_id}:catalog/${var.ace_catalog}/opportunity/*"
    engagement            = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement/*"
    engagement_invitation = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement-invitation/*"
    engagement_task       = "${local.pc_arn_base}::catalog/${var.ace_catalog}/engagement-from-opportunity-task/*"
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
      ace_update_opportunity = {
        actions   = ["partnercentral:GetAwsOpportunitySummary", "partnercentral:GetOpportunity", "partnercentral:UpdateOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
    }

    events = {
      ace_read_opportunity = {
        actions   = ["partnercentral:GetAwsOpportunitySummary", "partnercentral:GetOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      ace_read_invitation = {
        actions   = ["partnercentral:GetEngagementInvitation"]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
      ace_list_invitations = {
        actions   = ["partnercentral:ListEngagementInvitations"]
        resources = ["*"]
        condition = local.catalog_condition
      }
    }

    reconcile = {
      ace_repair_opportunity = {
        actions   = ["partnercentral:GetAwsOpportunitySummary", "partnercentral:GetOpportunity", "partnercentral:UpdateOpportunity"]
        resources = [local.pc_arns.opportunity]
        condition = local.catalog_condition
      }
      ace_read_invitation = {
        actions   = ["partnercentral:GetEngagementInvitation"]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
      ace_list = {
        actions   = ["partnercentral:ListEngagementInvitations", "partnercentral:ListOpportunities"]
        resources = ["*"]
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
          "partnercentral:AcceptEngagementInvitation",
          "partnercentral:GetEngagementInvitation",
          "partnercentral:RejectEngagementInvitation",
        ]
        resources = [local.pc_arns.engagement_invitation]
        condition = local.catalog_condition
      }
    }
  }
}
