# The secrets are created EMPTY: Terraform never sees a secret value, so none lands in variables,
# plans or state. Operators set the values out of band (docs/deployment-guide.md, "Secrets"); the
# GovWin token cache is written by the poller at run time. Every secret is on the customer-managed key
# (the prior art claimed this but used the AWS-managed key).

locals {
  secrets = {
    hubspot_signing = {
      name        = "${var.name_prefix}-hubspot-signing"
      description = "HubSpot app client secret(s) for signature v3: {\"current\": \"...\", \"previous\": \"...\"}"
    }
    hubspot_token = {
      name        = "${var.name_prefix}-hubspot-token"
      description = "HubSpot private-app / service-key access token for CRM API calls"
    }
    govwin_credentials = {
      name        = "${var.name_prefix}-govwin-credentials"
      description = "GovWin WSAPI OAuth2 client id/secret and API user credentials"
    }
    govwin_token = {
      name        = "${var.name_prefix}-govwin-token"
      description = "GovWin OAuth2 token cache, written by the poller (never set by hand)"
    }
  }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.secrets

  name                    = each.value.name
  description             = each.value.description
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days
  tags                    = var.tags
}
