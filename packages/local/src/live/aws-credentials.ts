// Checks, before anything is touched, that the caller's AWS credential chain yields credentials for the
// Partner Central calls. Resolving the chain reads the environment and ~/.aws (SSO or instance metadata
// only when configured); it sends nothing to Partner Central.
import { awsOptionsFromEnv, makeAwsClients } from '@govwin-ace/shared-core';
import { LiveConfigError } from './live-config';

const CHECK_TIMEOUT_MS = 20_000;

/**
 * Resolves the credential chain once; throws a one-line LiveConfigError when it yields nothing.
 * @example await checkAwsCredentials(process.env);
 */
export const checkAwsCredentials = async (
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = CHECK_TIMEOUT_MS
): Promise<void> => {
  const client = makeAwsClients(awsOptionsFromEnv(env)).partnerCentral();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    });
    await Promise.race([client.config.credentials(), timeout]);
  } catch (err) {
    const why = err instanceof Error && err.message === 'timed out' ? 'timed out' : 'found none';
    throw new LiveConfigError(
      `--live needs AWS credentials for Partner Central (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): the credential chain ${why}`
    );
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
};
