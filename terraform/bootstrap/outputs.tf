output "state_bucket_name" {
  description = "State bucket (`bucket` in the stack's backend.s3.tfbackend)."
  value       = aws_s3_bucket.state.bucket
}

output "state_bucket_region" {
  description = "Region of the state bucket (`region` in backend.s3.tfbackend)."
  value       = local.region
}

output "state_key" {
  description = "Suggested state object key (`key` in backend.s3.tfbackend); must start with state_key_prefix."
  value       = "${var.state_key_prefix}terraform.tfstate"
}

output "deployer_role_arn" {
  description = "Role every plan and apply assumes (deployer_role_arn in terraform.tfvars, role_arn in the backend file)."
  value       = aws_iam_role.deployer.arn
}

output "runtime_boundary_arn" {
  description = "Permissions boundary every runtime role carries (the stack derives the same ARN from the prefix)."
  value       = aws_iam_policy.runtime_boundary.arn
}

output "stack_key_alias" {
  description = "Alias of the stack's customer-managed key (the stack looks it up by this name)."
  value       = module.kms.alias_name
}

output "next_steps" {
  description = "What the operator does next."
  value       = <<-EOT
    1. Copy terraform/stack/backend.s3.tfbackend.example to backend.s3.tfbackend and set
       bucket = "${aws_s3_bucket.state.bucket}", key = "${var.state_key_prefix}terraform.tfstate",
       role_arn = "${aws_iam_role.deployer.arn}".
    2. Set deployer_role_arn = "${aws_iam_role.deployer.arn}" in terraform/stack/terraform.tfvars.
    3. Keep this directory's terraform.tfstate with the security team, then delete the bootstrap
       operator's access key, policy and user.
  EOT
}
