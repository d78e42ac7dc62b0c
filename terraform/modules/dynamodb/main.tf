# The three tables of DESIGN §4. Every table has the same shape: string `pk` + string `sk`, on-demand,
# point-in-time recovery, the customer-managed key and TTL on `ttl` (epoch seconds). The shape mirrors
# packages/shared-core/src/state/tables.ts (`tableDefinition`); a repo test checks they agree.
#
# No DynamoDB Streams: nothing consumes them (the prior art's docs claimed streams that its code never
# enabled). Add them here together with their consumer if one is ever needed.

locals {
  tables = {
    sync_state = {
      name    = "${var.name_prefix}-sync-state"
      purpose = "GovWin cursor and watermarks, GovWin entity -> HubSpot id mappings, shared rate-limit buckets"
    }
    entity_mappings = {
      name    = "${var.name_prefix}-entity-mappings"
      purpose = "Deal <-> ACE mappings, invitations, webhook replay reservations, event de-duplication"
    }
    audit = {
      name    = "${var.name_prefix}-audit"
      purpose = "Append-only audit trail of external writes (no runtime role may update or delete)"
    }
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name                        = each.value.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }

  tags = merge(var.tags, { Purpose = each.value.purpose })
}
