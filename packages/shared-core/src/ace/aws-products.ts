// The AWS products a rep can attach to an opportunity (the `AwsProducts` related entity), used by two
// consumers that must agree: the card's product picker (served by ui-ext-reads) and the options of the
// `govwin_ace_aws_products` multi-select that `setup-hubspot` creates (HubSpot refuses a value that is
// not an option, so a product the picker offers but the property lacks would fail the card's write).
// Partner Central has no API or SDK enum listing products: AWS publishes the list; this catalogue carries
// the services GovWin deals most often name, plus `Other` as the escape hatch (never associated: the
// submitter and the writes route skip it). Changing it means re-running `govwin-ace setup-hubspot`.

/** One product as the picker shows it. `id` is the identifier AssociateOpportunity takes. */
export interface AwsProduct {
  id: string;
  name: string;
  family: string;
}

/** Catalogue version (bump when the list changes). */
export const AWS_PRODUCTS_VERSION = '2025-01-15';

const P = (id: string, name: string, family: string): AwsProduct => ({ id, name, family });

/** The catalogue, sorted by family then name. */
export const AWS_PRODUCTS: readonly AwsProduct[] = Object.freeze(
  [
    P('AmazonEC2', 'Amazon EC2', 'Compute'),
    P('AWSLambda', 'AWS Lambda', 'Compute'),
    P('AmazonLightsail', 'Amazon Lightsail', 'Compute'),
    P('AWSElasticBeanstalk', 'AWS Elastic Beanstalk', 'Compute'),
    P('AWSOutposts', 'AWS Outposts', 'Compute'),
    P('AmazonECS', 'Amazon Elastic Container Service', 'Containers'),
    P('AmazonEKS', 'Amazon Elastic Kubernetes Service', 'Containers'),
    P('AWSFargate', 'AWS Fargate', 'Containers'),
    P('AmazonECR', 'Amazon Elastic Container Registry', 'Containers'),
    P('AmazonS3', 'Amazon S3', 'Storage'),
    P('AmazonEBS', 'Amazon Elastic Block Store', 'Storage'),
    P('AmazonEFS', 'Amazon Elastic File System', 'Storage'),
    P('AmazonFSx', 'Amazon FSx', 'Storage'),
    P('AWSBackup', 'AWS Backup', 'Storage'),
    P('AWSStorageGateway', 'AWS Storage Gateway', 'Storage'),
    P('AmazonS3Glacier', 'Amazon S3 Glacier', 'Storage'),
    P('AmazonRDS', 'Amazon RDS', 'Database'),
    P('AmazonAurora', 'Amazon Aurora', 'Database'),
    P('AmazonDynamoDB', 'Amazon DynamoDB', 'Database'),
    P('AmazonElastiCache', 'Amazon ElastiCache', 'Database'),
    P('AmazonDocumentDB', 'Amazon DocumentDB', 'Database'),
    P('AmazonNeptune', 'Amazon Neptune', 'Database'),
    P('AmazonRedshift', 'Amazon Redshift', 'Analytics'),
    P('AmazonAthena', 'Amazon Athena', 'Analytics'),
    P('AWSGlue', 'AWS Glue', 'Analytics'),
    P('AmazonEMR', 'Amazon EMR', 'Analytics'),
    P('AmazonKinesis', 'Amazon Kinesis', 'Analytics'),
    P('AmazonQuickSight', 'Amazon QuickSight', 'Analytics'),
    P('AmazonOpenSearchService', 'Amazon OpenSearch Service', 'Analytics'),
    P('AWSLakeFormation', 'AWS Lake Formation', 'Analytics'),
    P('AmazonMSK', 'Amazon Managed Streaming for Apache Kafka', 'Analytics'),
    P('AmazonBedrock', 'Amazon Bedrock', 'Machine Learning'),
    P('AmazonSageMaker', 'Amazon SageMaker', 'Machine Learning'),
    P('AmazonQ', 'Amazon Q', 'Machine Learning'),
    P('AmazonComprehend', 'Amazon Comprehend', 'Machine Learning'),
    P('AmazonTextract', 'Amazon Textract', 'Machine Learning'),
    P('AmazonRekognition', 'Amazon Rekognition', 'Machine Learning'),
    P('AmazonTranscribe', 'Amazon Transcribe', 'Machine Learning'),
    P('AmazonTranslate', 'Amazon Translate', 'Machine Learning'),
    P('AmazonKendra', 'Amazon Kendra', 'Machine Learning'),
    P('AmazonVPC', 'Amazon VPC', 'Networking'),
    P('AmazonCloudFront', 'Amazon CloudFront', 'Networking'),
    P('AmazonRoute53', 'Amazon Route 53', 'Networking'),
    P('AWSDirectConnect', 'AWS Direct Connect', 'Networking'),
    P('AWSTransitGateway', 'AWS Transit Gateway', 'Networking'),
    P('ElasticLoadBalancing', 'Elastic Load Balancing', 'Networking'),
    P('AmazonAPIGateway', 'Amazon API Gateway', 'Networking'),
    P('AWSIAMIdentityCenter', 'AWS IAM Identity Center', 'Security'),
    P('AWSKMS', 'AWS Key Management Service', 'Security'),
    P('AWSSecretsManager', 'AWS Secrets Manager', 'Security'),
    P('AmazonGuardDuty', 'Amazon GuardDuty', 'Security'),
    P('AWSSecurityHub', 'AWS Security Hub', 'Security'),
    P('AWSWAF', 'AWS WAF', 'Security'),
    P('AWSShield', 'AWS Shield', 'Security'),
    P('AmazonInspector', 'Amazon Inspector', 'Security'),
    P('AmazonMacie', 'Amazon Macie', 'Security'),
    P('AmazonCognito', 'Amazon Cognito', 'Security'),
    P('AmazonCloudWatch', 'Amazon CloudWatch', 'Management'),
    P('AWSCloudTrail', 'AWS CloudTrail', 'Management'),
    P('AWSConfig', 'AWS Config', 'Management'),
    P('AWSControlTower', 'AWS Control Tower', 'Management'),
    P('AWSOrganizations', 'AWS Organizations', 'Management'),
    P('AWSSystemsManager', 'AWS Systems Manager', 'Management'),
    P('AWSCloudFormation', 'AWS CloudFormation', 'Management'),
    P('AWSMigrationHub', 'AWS Migration Hub', 'Migration'),
    P('AWSApplicationMigrationService', 'AWS Application Migration Service', 'Migration'),
    P('AWSDatabaseMigrationService', 'AWS Database Migration Service', 'Migration'),
    P('AWSDataSync', 'AWS DataSync', 'Migration'),
    P('AWSSnowFamily', 'AWS Snow Family', 'Migration'),
    P('AWSTransferFamily', 'AWS Transfer Family', 'Migration'),
    P('AmazonSQS', 'Amazon SQS', 'Application Integration'),
    P('AmazonSNS', 'Amazon SNS', 'Application Integration'),
    P('AmazonEventBridge', 'Amazon EventBridge', 'Application Integration'),
    P('AWSStepFunctions', 'AWS Step Functions', 'Application Integration'),
    P('AmazonConnect', 'Amazon Connect', 'Business Applications'),
    P('AmazonWorkSpaces', 'Amazon WorkSpaces', 'End User Computing'),
    P('AmazonAppStream', 'Amazon AppStream 2.0', 'End User Computing'),
    P('AWSGovCloud', 'AWS GovCloud (US)', 'Government'),
    P('Other', 'Other AWS Service (specify in description)', 'Other'),
  ].sort((a, b) => a.family.localeCompare(b.family) || a.name.localeCompare(b.name))
);

/** The escape-hatch entry: shown in the picker, never associated with an opportunity. */
export const OTHER_AWS_PRODUCT = 'Other';
