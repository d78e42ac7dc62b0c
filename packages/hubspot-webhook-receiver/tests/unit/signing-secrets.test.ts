import { ConfigError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { makeSigningSecretsLoader } from '../../src/signing-secrets';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-dev-hubspot-AbCdEf';

describe('makeSigningSecretsLoader', () => {
  it('returns [current, previous] during a rotation and [current] otherwise', async () => {
    // Arrange
    let value = JSON.stringify({ current: 'new', previous: 'old' });
    const reads: string[] = [];
    const load = makeSigningSecretsLoader({
      secrets: {
        getString: async (id) => {
          reads.push(id);
          return value;
        },
      },
      secretArn: ARN,
    });
    // Act & Assert
    expect(await load()).toEqual(['new', 'old']);
    value = JSON.stringify({ current: 'new' });
    expect(await load()).toEqual(['new']);
    expect(reads).toEqual([ARN, ARN]);
  });

  it('rejects a secret in the wrong shape without quoting it', async () => {
    const load = makeSigningSecretsLoader({
      secrets: { getString: async () => JSON.stringify({ client_secret: 'hunter2' }) },
      secretArn: ARN,
    });
    await expect(load()).rejects.toThrow(ConfigError);
    await expect(load()).rejects.not.toThrow(/hunter2/);
  });

  it('passes a Secrets Manager failure through for the 500 gate', async () => {
    const load = makeSigningSecretsLoader({
      secrets: {
        getString: async () => {
          throw new Error('secrets: cannot read secret (ThrottlingException)');
        },
      },
      secretArn: ARN,
    });
    await expect(load()).rejects.toThrow(/ThrottlingException/);
  });
});
