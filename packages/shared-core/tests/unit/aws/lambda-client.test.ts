// The Lambda client factory: built like every other client (region, endpoint override, retries), and
// reachable through makeAwsClients and AWS_ENDPOINT_URL_LAMBDA for the local runtime.
import { describe, expect, it } from '@jest/globals';
import { awsOptionsFromEnv, lambdaClient, makeAwsClients } from '../../../src/aws/clients';

describe('lambdaClient', () => {
  it('reads its endpoint override from AWS_ENDPOINT_URL_LAMBDA', () => {
    const options = awsOptionsFromEnv({
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:4010',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4020',
    });
    expect(options.region).toBe('eu-west-1');
    expect(options.endpoints?.lambda).toBe('http://127.0.0.1:4010');
  });

  it('builds a client with the region, endpoint and attempts it was given', async () => {
    // Arrange
    const client = makeAwsClients({
      region: 'eu-west-1',
      endpoints: { lambda: 'http://127.0.0.1:4010' },
      maxAttempts: 2,
    }).lambda();
    try {
      // Act
      const endpoint = await client.config.endpoint?.();
      // Assert
      expect(await client.config.region()).toBe('eu-west-1');
      expect(endpoint?.hostname).toBe('127.0.0.1');
      expect(endpoint?.port).toBe(4010);
      expect(await client.config.maxAttempts()).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('uses FIPS only without an endpoint override', async () => {
    const fips = lambdaClient({ region: 'us-east-1', useFips: true });
    const local = lambdaClient({
      region: 'us-east-1',
      useFips: true,
      endpoints: { lambda: 'http://127.0.0.1:4010' },
    });
    try {
      expect(await fips.config.useFipsEndpoint()).toBe(true);
      expect(await local.config.useFipsEndpoint()).toBe(false);
    } finally {
      fips.destroy();
      local.destroy();
    }
  });
});
