// Bundle figures: zip bytes per Lambda (from the build manifest) and cold module-init time, the median of
// separate `node` processes each importing the bundle once (what a Lambda cold start pays for our code).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, type BenchRun, percentiles } from './types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ZIP_BUDGET = 200 * 1024;

/** Sample values for every environment variable a handler reads (names as Terraform sets them). */
export const SAMPLE_LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ACE_CATALOG: 'Sandbox',
  SYNC_STATE_TABLE: 'bench-sync-state',
  ENTITY_MAPPINGS_TABLE: 'bench-entity-mappings',
  AUDIT_TABLE: 'bench-audit',
  SUBMIT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-ace-submit',
  UPDATE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-ace-update',
  GOVWIN_SYNC_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-govwin-sync',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench-alerts',
  HUBSPOT_SIGNING_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-hubspot-signing',
  HUBSPOT_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-hubspot-token',
  GOVWIN_CREDENTIALS_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-govwin-credentials',
  GOVWIN_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-govwin-token',
  HUBSPOT_APP_ID: '1234567',
  PUBLIC_WEBHOOK_URL: 'https://api.example.test/hubspot/webhooks',
  PUBLIC_UI_BASE_URL: 'https://api.example.test',
  TRIGGER_STAGE_ID: '1111111',
  REFERRAL_STAGE_ID: '2222222',
  PIPELINE_ID: '3333333',
  AWS_ACCOUNT_ID_FOR_ACE: '123456789012',
  LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
};

interface ManifestEntry {
  name: string;
  bytes: number;
  bundleBytes: number;
}

const coldInitMs = (bundle: string): number => {
  const script = `const t=performance.now();await import(${JSON.stringify(bundle)});process.stdout.write(String(performance.now()-t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...SAMPLE_LAMBDA_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Number(out);
};

export const run: BenchRun = async ({ quick }) => {
  const dist = join(root, 'dist', 'lambdas');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-lambdas.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const manifestPath = join(dist, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error('build produced no manifest');
  const lambdas: ManifestEntry[] = JSON.parse(readFileSync(manifestPath, 'utf8')).lambdas;
  const rows: BenchRow[] = [];
  const processes = quick ? 3 : 7;
  for (const l of lambdas) {
    rows.push({
      name: `${l.name} zip`,
      value: l.bytes,
      unit: 'bytes',
      target: '<= 204800',
      pass: l.bytes <= ZIP_BUDGET,
    });
    const samples: number[] = [];
    let failure: string | undefined;
    for (let i = 0; i < processes; i += 1) {
      try {
        samples.push(coldInitMs(join(dist, l.name, 'index.mjs')));
      } catch (err) {
        failure =
          ((err as { stderr?: string }).stderr ?? String(err))
            .split('\n')
            .find((line) => line.trim()) ?? 'failed';
        break;
      }
    }
    const target = l.name === 'hubspot-webhook-receiver-receiver' ? 30 : 60;
    if (failure || samples.length === 0) {
      rows.push({
        name: `${l.name} cold init`,
        value: Number.NaN,
        unit: 'ms',
        target: `<= ${target}`,
        pass: false,
        note: `import failed: ${failure}`,
      });
    } else {
      const { median } = percentiles(samples);
      rows.push({
        name: `${l.name} cold init (median of ${samples.length} processes)`,
        value: Number(median.toFixed(1)),
        unit: 'ms',
        target: `<= ${target}`,
        pass: median <= target,
      });
    }
  }
  return rows;
};
