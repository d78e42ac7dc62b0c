output "api_id" {
  description = "Id of the HTTP API (the 5xx alarm's ApiId dimension)."
  value       = aws_apigatewayv2_api.this.id
}

output "stage_name" {
  description = "Name of the stage (`$default`)."
  value       = aws_apigatewayv2_stage.default.name
}

output "api_endpoint" {
  description = "Base URL of the API (https://<id>.execute-api.<region>.amazonaws.com)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "route_keys" {
  description = "Every route key, mapped to the integration that serves it."
  value       = local.routes
}
