import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
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
  /**
   * How long one HTTP attempt may wait for its response (default 10 s; connecting: 3 s). Without it the SDK
   * waits forever on a connection that stopped answering, and the Lambda burns its whole timeout; a timed-out
   * attempt is retried like any transient fault.
   */
  requestTimeoutMs?: number;
  /** Static credentials, only for the local runtime and tests (deployed code uses the role's). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export type AwsService =
  | 'dynamodb'
  | 'sqs'
  | 'sns'
  | 'secretsmanager'
  | 'partnercentral'
  | 'cloudwatch'
  | 'lambda';

const ENDPOINT_ENV: Record<AwsService, string> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  sns: 'AWS_ENDPOINT_URL_SNS',
  secretsmanager: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  partnercentral: 'AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING',
  cloudwatch: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  lambda: 'AWS_ENDPOINT_URL_LAMBDA',
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

/** Default bound of one HTTP attempt of an AWS call (all of them answer in well under a second normally). */
export const AWS_REQUEST_TIMEOUT_MS = 10_000;
const AWS_CONNECTION_TIMEOUT_MS = 3_000;

const httpTimeouts = (o: AwsClientOptions) => ({
  connectionTimeout: Math.min(
    AWS_CONNECTION_TIMEOUT_MS,
    o.requestTimeoutMs ?? AWS_CONNECTION_TIMEOUT_MS
  ),
  requestTimeout: o.requestTimeoutMs ?? AWS_REQUEST_TIMEOUT_MS,
  // Without it, smithy's handler only logs a warning when the request timeout passes and keeps waiting.
  throwOnRequestTimeout: true,
});

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
    requestHandler: httpTimeouts(o),
  };
};

// One function per service so a bundle only contains the SDK clients its handler uses (esbuild drops
// unused exports; an object holding every constructor would keep them all). `makeAwsClients` groups
// them for the CLI and the local runtime, where bundle size does not matter.

/** A DynamoDB client. */
export const dynamoDbClient = (options: AwsClientOptions = {}): DynamoDBClient =>
  new DynamoDBClient(common('dynamodb', options));

/** A DynamoDB document client (undefined attributes dropped). */
export const documentClient = (options: AwsClientOptions = {}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(dynamoDbClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });

/** An SQS client. */
export const sqsClient = (options: AwsClientOptions = {}): SQSClient =>
  new SQSClient(common('sqs', options));

/** An SNS client. */
export const snsClient = (options: AwsClientOptions = {}): SNSClient =>
  new SNSClient(common('sns', options));

/** A Secrets Manager client. */
export const secretsManagerClient = (options: AwsClientOptions = {}): SecretsManagerClient =>
  new SecretsManagerClient(common('secretsmanager', options));

/** A CloudWatch client: alarm state for the operator CLI (`doctor`). */
export const cloudWatchClient = (options: AwsClientOptions = {}): CloudWatchClient =>
  new CloudWatchClient(common('cloudwatch', options));

/** A Lambda client: the operator CLI re-invokes a function with the event of a failed asynchronous run. */
export const lambdaClient = (options: AwsClientOptions = {}): LambdaClient =>
  new LambdaClient(common('lambda', options));

/** A Partner Central Selling client, pinned to us-east-1 and never FIPS (Partner Central has none). */
export const partnerCentralClient = (
  options: AwsClientOptions = {}
): PartnerCentralSellingClient => {
  const endpoint = options.endpoints?.partnercentral;
  return new PartnerCentralSellingClient({
    region: PARTNER_CENTRAL_REGION,
    ...(endpoint ? { endpoint } : {}),
    useFipsEndpoint: false,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: httpTimeouts(options),
  });
};

/**
 * The one place AWS SDK clients are built (a repo test fails if a client is constructed anywhere else),
 * grouped for callers that need several. Lambda handlers prefer the per-service functions above, so their
 * bundles stay small; all of them build clients once at module scope, reused while the environment is warm.
 * @example const aws = makeAwsClients(awsOptionsFromEnv(process.env)); const ddb = aws.documentClient();
 */
export const makeAwsClients = (options: AwsClientOptions = {}) => ({
  dynamodb: (): DynamoDBClient => dynamoDbClient(options),
  documentClient: (): DynamoDBDocumentClient => documentClient(options),
  sqs: (): SQSClient => sqsClient(options),
  sns: (): SNSClient => snsClient(options),
  secretsManager: (): SecretsManagerClient => secretsManagerClient(options),
  cloudWatch: (): CloudWatchClient => cloudWatchClient(options),
  lambda: (): LambdaClient => lambdaClient(options),
  partnerCentral: (): PartnerCentralSellingClient => partnerCentralClient(options),
});
export type AwsClients = ReturnType<typeof makeAwsClients>;
