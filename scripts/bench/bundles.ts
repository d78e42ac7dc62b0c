// Bundle figures: zip bytes per Lambda (from the build manifest) and cold module-init time, the median of
// separate `node` processes each importing the bundle once (what a Lambda cold start pays for our code).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildLocalEnvironment,
  LOCAL_SECRETS,
  LOCAL_STAGE_LABELS,
  type LocalPipeline,
} from '../../packages/local/src/runtime/local-environment';
import { type BenchRow, type BenchRun, percentiles } from './types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ZIP_BUDGET = 200 * 1024;

/** Sample values for every environment variable a handler reads (names as Terraform sets them). */
export const SAMPLE_LAMBDA_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(
    // The local runtime builds the same variables Terraform sets; sample values, no endpoints.
    buildLocalEnvironment({
      catalog: 'Sandbox',
      dynamodbEndpoint: 'http://127.0.0.1:9',
      awsEndpoint: 'http://127.0.0.1:9',
      partnerCentralEndpoint: 'http://127.0.0.1:9',
      govwinBaseUrl: 'https://services.govwin.com/neo-ws',
      hubspotBaseUrl: 'https://api.hubapi.com',
      apiUrl: 'https://api.example.test',
      tables: {
        syncState: 'bench-sync-state',
        entityMappings: 'bench-entity-mappings',
        audit: 'bench-audit',
      },
      queueUrls: {
        'govwin-sync': 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-govwin-sync',
        'ace-submit': 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-ace-submit',
        'ace-update': 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-ace-update',
      },
      alertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:bench-alerts',
      secretArns: Object.fromEntries(
        LOCAL_SECRETS.map((n) => [
          n,
          `arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-${n}`,
        ])
      ),
      hubspot: { appId: '1234567', portalId: '7654321' },
      pipeline: {
        pipelineId: '3333333',
        stageIds: Object.fromEntries(
          Object.keys(LOCAL_STAGE_LABELS).map((k, i) => [k, String(1_111_100 + i)])
        ) as LocalPipeline['stageIds'],
      },
    })
  )
    .filter(([name]) => !name.startsWith('AWS_ENDPOINT_URL'))
    .concat([
      ['LOG_LEVEL', 'INFO'],
      ['POWERTOOLS_LOG_LEVEL', 'INFO'],
    ])
);

/** The line of a failed import's stderr that says what went wrong. */
const errorLine = (stderr: string): string => {
  const lines = stderr.split('\n').map((l) => l.trimEnd());
  const line =
    lines.find((l) => /^\S.*(Error|Exception)\b.*:/.test(l)) ??
    lines.find((l) => l.trim() && !/^\s+at /.test(l)) ??
    'failed';
  return line.slice(0, 200);
};

interface ManifestEntry {
  name: string;
  bytes: number;
  bundleBytes: number;
}

/** Imports a bundle once in a fresh `node`; returns the import time and the process RSS right after it. */
const coldInit = (bundle: string): { ms: number; rssMiB: number } => {
  const script = `const t=performance.now();await import(${JSON.stringify(bundle)});const ms=performance.now()-t;process.stdout.write(JSON.stringify({ms,rss:process.memoryUsage().rss}));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...SAMPLE_LAMBDA_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { ms, rss } = JSON.parse(out) as { ms: number; rss: number };
  return { ms, rssMiB: rss / 2 ** 20 };
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
    const rss: number[] = [];
    let failure: string | undefined;
    for (let i = 0; i < processes; i += 1) {
      try {
        const init = coldInit(join(dist, l.name, 'index.mjs'));
        samples.push(init.ms);
        rss.push(init.rssMiB);
      } catch (err) {
        failure = errorLine((err as { stderr?: string }).stderr ?? String(err));
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
        note: `process RSS after init ${Math.round(percentiles(rss).median)} MiB (median)`,
      });
    }
  }
  return rows;
};
