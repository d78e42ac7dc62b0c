# Partial configuration: bucket, key, region and the deployer role come from a per-environment file,
#   terraform init -backend-config=backend.s3.tfbackend
# (see backend.s3.tfbackend.example and the bootstrap outputs). Locking is S3-native (no DynamoDB table).
terraform {
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}
