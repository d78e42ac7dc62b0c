output "sync_state_table_name" {
  description = "Name of the sync-state table."
  value       = aws_dynamodb_table.this["sync_state"].name
}

output "sync_state_table_arn" {
  description = "ARN of the sync-state table."
  value       = aws_dynamodb_table.this["sync_state"].arn
}

output "entity_mappings_table_name" {
  description = "Name of the entity-mappings table."
  value       = aws_dynamodb_table.this["entity_mappings"].name
}

output "entity_mappings_table_arn" {
  description = "ARN of the entity-mappings table."
  value       = aws_dynamodb_table.this["entity_mappings"].arn
}

output "audit_table_name" {
  description = "Name of the append-only audit table."
  value       = aws_dynamodb_table.this["audit"].name
}

output "audit_table_arn" {
  description = "ARN of the append-only audit table."
  value       = aws_dynamodb_table.this["audit"].arn
}
