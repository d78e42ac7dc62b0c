output "hubspot_signing_secret_arn" {
  description = "ARN of the HubSpot signing secret (client secret for signature v3)."
  value       = aws_secretsmanager_secret.this["hubspot_signing"].arn
}

output "hubspot_token_secret_arn" {
  description = "ARN of the HubSpot API token secret."
  value       = aws_secretsmanager_secret.this["hubspot_token"].arn
}

output "govwin_credentials_secret_arn" {
  description = "ARN of the GovWin credentials secret."
  value       = aws_secretsmanager_secret.this["govwin_credentials"].arn
}

output "govwin_token_secret_arn" {
  description = "ARN of the GovWin token cache secret."
  value       = aws_secretsmanager_secret.this["govwin_token"].arn
}

output "secret_names" {
  description = "Names of all secrets, keyed by purpose (for the deployment guide's put-secret-value commands)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}
