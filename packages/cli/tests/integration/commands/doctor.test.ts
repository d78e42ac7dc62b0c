// `govwin-ace doctor` against the local runtime: a healthy stack passes; each broken part fails its own
// line with a fix while the rest still run; GovWin is logged into at most once.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../src/main';
import {
  captureIo,
  envWithoutKeys,
  type OpsStack,
  prepareHubSpot,
  startOpsStack,
  withoutAwsCredentials,
} from '../../helpers/ops-stack';

jest.setTimeout(30_000);

interface DoctorJson {
  ok: boolean;
  failed: number;
  checks: { name: string; status: 'ok' | 'fail' | 'warn' | 'skip'; detail: string; fix?: string }[];
}

describe('govwin-ace doctor (local runtime)', () => {
  let ctx: OpsStack;
  const run = async (args: string[], env: Record<string, string | undefined> = ctx.env) => {
    const c = captureIo(env);
    const code = await main(['doctor', ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  const doctor = async (env?: Record<string, string | undefined>, args: string[] = []) => {
    const r = await run([...args, '--json'], env);
    const json = JSON.parse(r.stdout) as DoctorJson;
    const line = (name: string) => json.checks.find((c) => c.name === name);
    return { ...r, json, line };
  };
  const tokenCalls = () => ctx.stack.govwin.inspect().calls.token ?? 0;

  beforeAll(async () => {
    ctx = await startOpsStack();
    await prepareHubSpot(ctx);
  }, 120_000);
  afterAll(async () => ctx?.stack.stop(), 30_000);

  it('passes every check of a healthy stack, logging into GovWin once and then using the cached token', async () => {
    // Arrange
    const before = tokenCalls();
    // Act
    const first = await doctor();
    const second = await doctor();
    // Assert
    expect(first.code).toBe(0);
    expect(first.json.ok).toBe(true);
    expect(first.json.checks.map((c) => c.name)).toEqual([
      'configuration',
      'table SYNC_STATE_TABLE',
      'table ENTITY_MAPPINGS_TABLE',
      'table AUDIT_TABLE',
      'secret HUBSPOT_TOKEN_SECRET_ARN',
      'secret HUBSPOT_SIGNING_SECRET_ARN',
      'secret GOVWIN_CREDENTIALS_SECRET_ARN',
      'secret GOVWIN_TOKEN_SECRET_ARN',
      'GovWin login',
      'HubSpot token',
      'HubSpot properties',
      'HubSpot pipeline',
      'Partner Central',
      'queue govwin-sync',
      'queue ace-submit',
      'queue ace-update',
      'queue govwin-orchestrator-async',
      'queue ace-events-async',
      'queue ace-reconcile-async',
      'queue drift-report-async',
      'alarms',
    ]);
    // The local event bus keeps the events function's failed runs on its own on-failure queue (reconcile
    // re-drives it); the scheduled functions have none locally: their queues are skipped, not warned.
    expect(first.line('queue ace-events-async')).toEqual({
      name: 'queue ace-events-async',
      status: 'ok',
      detail: 'no failed runs of local-ace-submitter-events',
    });
    expect(first.line('queue ace-reconcile-async')).toEqual({
      name: 'queue ace-reconcile-async',
      status: 'skip',
      detail: 'ACE_RECONCILE_ASYNC_DLQ_URL not configured',
    });
    expect(first.line('alarms')).toEqual({
      name: 'alarms',
      status: 'skip',
      detail: 'no alarms (local)',
    });
    expect(first.line('Partner Central')?.detail).toMatch(
      /^catalog Sandbox: [1-9]\d* solution\(s\) visible$/
    );
    expect(second.line('GovWin login')?.detail).toMatch(
      /^cached access token valid for \d+ min \(no login attempted\)$/
    );
    expect(tokenCalls() - before).toBe(1);
  });

  it('prints a checklist on stdout and never a secret value', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[ok]   HubSpot token');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('all checks passed');
    for (const secret of [
      ctx.stack.hubspot.accessToken,
      ctx.stack.hubspot.clientSecret,
      ctx.stack.govwin.credentials.password,
      ctx.stack.govwin.credentials.clientSecret,
    ])
      expect(r.stdout).not.toContain(secret);
  });

  it('fails the queue line with a fix when a DLQ holds a message', async () => {
    ctx.stack.aws.queue('ace-update-dlq').send('{"v":1}');
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(r.line('queue ace-update')).toEqual({
      name: 'queue ace-update',
      status: 'fail',
      detail: '0 waiting, 0 in flight; DLQ holds 1 message(s)',
      fix: 'govwin-ace dlq list --queue update (docs/operations.md#dead-letter-queues)',
    });
    expect(r.json.failed).toBe(1);
    ctx.stack.aws.queue('ace-update-dlq').purge();
  });

  it('fails the pipeline line when a configured stage is not in the pipeline', async () => {
    const r = await doctor({ ...ctx.env, STAGE_ID_IN_REVIEW: 'not_a_stage' });
    expect(r.code).toBe(1);
    expect(r.line('HubSpot pipeline')?.detail).toBe(
      `stage ids not in pipeline ${ctx.env.PIPELINE_ID}: STAGE_ID_IN_REVIEW=not_a_stage`
    );
  });

  it('lists missing configuration by name and skips what depends on it', async () => {
    const { SUBMIT_QUEUE_URL: _q, AUDIT_TABLE: _a, ...env } = ctx.env;
    const r = await doctor(env, ['--skip-govwin']);
    expect(r.code).toBe(1);
    expect(r.line('configuration')).toEqual({
      name: 'configuration',
      status: 'fail',
      detail:
        'AUDIT_TABLE is required (a non-empty string); SUBMIT_QUEUE_URL is required (a queue URL)',
      fix: "export the stack's variables (terraform output; docs/operations.md#configuration)",
    });
    expect(r.line('table AUDIT_TABLE')?.status).toBe('skip');
    expect(r.line('queue ace-submit')?.status).toBe('skip');
    expect(r.line('queue ace-update')?.status).toBe('ok');
  });

  it('reports unreachable services on their own lines and still runs the other checks', async () => {
    const r = await doctor(
      {
        ...ctx.env,
        HUBSPOT_BASE_URL: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: 'http://127.0.0.1:9',
      },
      ['--skip-govwin']
    );
    expect(r.code).toBe(1);
    expect(r.line('HubSpot token')?.detail).toMatch(/^HubSpot is unreachable \(/);
    expect(r.line('HubSpot token')?.fix).toContain('#unreachable-services');
    expect(r.line('Partner Central')?.detail).toMatch(/^Partner Central is unreachable \(/);
    expect(r.line('queue ace-submit')?.status).toBe('ok');
  });

  it('fails every AWS-backed line with the credentials fix when there are no AWS credentials', async () => {
    const r = await withoutAwsCredentials(() => doctor(envWithoutKeys(ctx.env), ['--skip-govwin']));
    expect(r.code).toBe(1);
    const table = r.line('table AUDIT_TABLE');
    expect(table?.status).toBe('fail');
    expect(table?.detail).toMatch(/credentials missing or rejected \(CredentialsProviderError\)/);
    expect(table?.fix).toContain('docs/operations.md#credentials');
    expect(r.line('configuration')?.status).toBe('ok');
  });

  it('makes at most one password grant with rejected GovWin credentials, and none on the next run', async () => {
    // Arrange: a wrong password and an empty token cache (a fresh deployment after a bad rotation).
    const { clientId, clientSecret, username, password } = ctx.stack.govwin.credentials;
    const secret = (pw: string) =>
      JSON.stringify({ client_id: clientId, client_secret: clientSecret, username, password: pw });
    ctx.stack.aws.putSecret('local-govwin-credentials', secret('wrong-password'));
    ctx.stack.aws.putSecret('local-govwin-token', '{}');
    const before = tokenCalls();
    // Act
    const first = await doctor();
    const second = await doctor();
    // Assert
    expect(first.code).toBe(1);
    expect(first.line('GovWin login')?.status).toBe('fail');
    expect(first.line('GovWin login')?.fix).toContain('5 failed logins lock the account');
    expect(second.line('GovWin login')?.detail).toMatch(
      /not retrying until the credentials secret changes/
    );
    expect(tokenCalls() - before).toBe(1);
    const lock = Object.values(ctx.stack.govwin.inspect().lockouts)[0];
    expect(lock?.failures).toBe(1);
    ctx.stack.aws.putSecret('local-govwin-credentials', secret(password));
  });

  it('answers exit 2 for arguments it does not take', async () => {
    const r = await run(['now']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('govwin-ace doctor: doctor takes no arguments');
  });
});
