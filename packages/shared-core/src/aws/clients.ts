import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PartnerCentralSellingClient } from '@aws-sdk/client-partnercentral-selling';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Partner Central is a us-east-1 service with no working FIPS endpoint (external-apis §1.2). */
export const PARTNER_CENTRAL_REGION = 'us-east-1';

/** What the factory reads from the environment. All optional; SDK defaults apply when absent. */
export interface AwsClientOptions {
  region?: string;
  /** Per-service endpoint overrides for local runs (the SDK also honours AWS_ENDPOINT_URL_<SERVICE>). */
  endpoints?: Partial<Record<AwsService, string>>;
  useFips?: boolean;
  maxAttempts?: number;
  /** Static credentials, only for the local runtime and tests (deployed code uses the role's). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export type AwsService =
  | 'dynamodb'
  | 'sqs'
  | 'sns'
  | 'secretsmanager'
  | 'partnercentral'
  | 'cloudwatch';

const ENDPOINT_ENV: Record<AwsService, string> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  sns: 'AWS_ENDPOINT_URL_SNS',
  secretsmanager: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  partnercentral: 'AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING',
  cloudwatch: 'AWS_ENDPOINT_URL_CLOUDWATCH',
};

/** Reads the factory's options from an environment object (never from process.env implicitly). */
export const awsOptionsFromEnv = (
  source: Readonly<Record<string, string | undefined>>
): AwsClientOptions => {
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const [service, name] of Object.entries(ENDPOINT_ENV) as [AwsService, string][]) {
    const value = source[name] ?? source.AWS_ENDPOINT_URL;
    if (value) endpoints[service] = value;
  }
  const region = source.AWS_REGION ?? source.AWS_DEFAULT_REGION;
  return {
    ...(region ? { region } : {}),
    endpoints,
    useFips: source.AWS_USE_FIPS_ENDPOINT === 'true',
  };
};

const common = (service: AwsService, o: AwsClientOptions) => {
  const endpoint = o.endpoints?.[service];
  return {
    ...(o.region ? { region: o.region } : {}),
    ...(endpoint ? { endpoint } : {}),
    // FIPS with a custom endpoint is rejected by the SDK's rules; local endpoints win.
    ...(o.useFips && !endpoint ? { useFipsEndpoint: true } : {}),
    ...(o.credentials ? { credentials: o.credentials } : {}),
    retryMode: 'standard' as const,
    maxAttempts: o.maxAttempts ?? 3,
  };
};

/**
 * The one factory for AWS SDK clients (a repo test fails if a client is constructed anywhere else).
 * Handlers call it once at module scope so clients are reused while the execution environment is warm.
 * @example const aws = makeAwsClients(awsOptionsFromEnv(process.env)); const ddb = aws.documentClient();
 */
export const makeAwsClients = (options: AwsClientOptions = {}) => ({
  dynamodb: (): DynamoDBClient => new DynamoDBClient(common('dynamodb', options)),
  documentClient: (): DynamoDBDocumentClient =>
    DynamoDBDocumentClient.from(new DynamoDBClient(common('dynamodb', options)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  sqs: (): SQSClient => new SQSClient(common('sqs', options)),
  sns: (): SNSClient => new SNSClient(common('sns', options)),
  secretsManager: (): SecretsManagerClient =>
    new SecretsManagerClient(common('secretsmanager', options)),
  /** Alarm state for the operator CLI (`doctor`). */
  cloudWatch: (): CloudWatchClient => new CloudWatchClient(common('cloudwatch', options)),
  /** Pinned to us-east-1 and never FIPS (Partner Central has none). */
  partnerCentral: (): PartnerCentralSellingClient => {
    const endpoint = options.endpoints?.partnercentral;
    return new PartnerCentralSellingClient({
      region: PARTNER_CENTRAL_REGION,
      ...(endpoint ? { endpoint } : {}),
      useFipsEndpoint: false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      retryMode: 'standard',
      maxAttempts: options.maxAttempts ?? 3,
    });
  },
});
export type AwsClients = ReturnType<typeof makeAwsClients>;
