import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

interface ManifestEntry {
  name: string;
  package: string;
  handler: string;
  zip: string;
  bytes: number;
  sha256: string;
  bundleBytes: number;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = (outdir: string) =>
  execFileSync(
    process.execPath,
    [join(root, 'scripts', 'build-lambdas.mjs'), `--outdir=${outdir}`, '--quiet'],
    {
      cwd: root,
      stdio: 'pipe',
    }
  );
const manifestOf = (dir: string): ManifestEntry[] =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).lambdas;

describe('pnpm build (scripts/build-lambdas.mjs)', () => {
  let first: string;
  let second: string;
  beforeAll(() => {
    first = mkdtempSync(join(tmpdir(), 'govwin-ace-build-a-'));
    second = mkdtempSync(join(tmpdir(), 'govwin-ace-build-b-'));
    build(first);
    build(second);
  }, 180_000);
  afterAll(() => {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  it('bundles every handler under packages/*/src/handlers into a zip listed in the manifest', () => {
    // Arrange
    const listed = manifestOf(first);
    const handlers = execFileSync(
      'git',
      [
        'ls-files',
        '--cached',
        '--others',
        '--exclude-standard',
        ':(glob)packages/*/src/handlers/*.ts',
      ],
      {
        cwd: root,
        encoding: 'utf8',
      }
    )
      .split('\n')
      .filter(Boolean)
      .map((p) => {
        const [, pkg, , , file] = p.split('/');
        return `${pkg}-${(file ?? '').replace(/\.ts$/, '')}`;
      })
      .sort();
    // Assert
    expect(listed.map((l) => l.name)).toEqual(handlers);
    expect(listed.length).toBeGreaterThan(0);
  });

  it('writes identical zips and manifests on two builds of the same tree', () => {
    const a = manifestOf(first);
    const b = manifestOf(second);
    expect(b).toEqual(a);
    for (const entry of a) {
      expect(
        readFileSync(join(second, entry.zip)).equals(readFileSync(join(first, entry.zip)))
      ).toBe(true);
    }
  });

  it('records the byte size and base64 sha256 of each zip as Terraform computes them', () => {
    for (const entry of manifestOf(first)) {
      const zip = readFileSync(join(first, entry.zip));
      expect(entry.bytes).toBe(zip.length);
      expect(entry.sha256).toBe(createHash('sha256').update(zip).digest('base64'));
    }
  });

  it('keeps classic zod and the credential sources Lambda never uses out of every bundle', () => {
    // Arrange: what a bundle must not carry (zod/mini replaces classic zod; Lambda credentials come
    // from the environment, so the SSO / ini / process / web identity / metadata sources stay out).
    const unused =
      /zod\/v4\/classic|@aws-sdk\/(nested-clients|token-providers|credential-provider-(node|sso|ini|process|web-identity|login|http))\/|@smithy\/credential-provider-imds\//;
    // The build's own stand-in for the default chain (the environment source alone) is allowed.
    const STUB = 'lambda-env-credentials:';
    for (const entry of manifestOf(first)) {
      // Act
      const meta = JSON.parse(readFileSync(join(first, entry.name, 'meta.json'), 'utf8')) as {
        outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown> }>;
      };
      const bundled = Object.values(meta.outputs)
        .filter((o) => o.entryPoint)
        .flatMap((o) => Object.keys(o.inputs));
      // Assert
      expect({
        lambda: entry.name,
        unused: bundled.filter((p) => unused.test(p) && !p.startsWith(STUB)),
      }).toEqual({
        lambda: entry.name,
        unused: [],
      });
      expect(bundled.some((p) => p.includes('@aws-sdk/credential-provider-env/'))).toBe(true);
    }
  });

  it('gives a bundled AWS SDK client the credentials of the Lambda environment and fails cleanly without them', () => {
    // Arrange: a bundle built with the Lambda plugins around the one AWS client factory.
    const dir = mkdtempSync(join(tmpdir(), 'govwin-ace-creds-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        [
          `import { dynamoDbClient } from ${JSON.stringify(join(root, 'packages/shared-core/src/aws/clients.ts'))};`,
          "const client = dynamoDbClient({ region: 'us-east-1' });",
          'try {',
          '  const c = await client.config.credentials();',
          '  process.stdout.write(JSON.stringify({ accessKeyId: c.accessKeyId }));',
          '} catch (err) {',
          '  process.stdout.write(JSON.stringify({ error: (err as Error).name }));',
          '}',
        ].join('\n')
      );
      const bundle = join(dir, 'index.mjs');
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          [
            "import { build } from 'esbuild';",
            "import { LAMBDA_PLUGINS } from './scripts/build-lambdas.mjs';",
            `await build({ entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(bundle)}, bundle: true, platform: 'node', format: 'esm', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error', plugins: LAMBDA_PLUGINS });`,
          ].join('\n'),
        ],
        { cwd: root, stdio: 'pipe' }
      );
      // Metadata lookups are disabled so nothing can leave the machine even if the full chain came back.
      const run = (extra: Record<string, string>) =>
        JSON.parse(
          execFileSync(process.execPath, [bundle], {
            env: {
              PATH: process.env.PATH ?? '',
              HOME: dir,
              AWS_EC2_METADATA_DISABLED: 'true',
              ...extra,
            },
            encoding: 'utf8',
          })
        ) as { accessKeyId?: string; error?: string };
      // Act
      const withRole = run({
        AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
        AWS_SESSION_TOKEN: 'bundle-test-token',
      });
      const withoutRole = run({});
      // Assert
      expect(withRole).toEqual({ accessKeyId: 'AKIDBUNDLETEST' });
      expect(withoutRole).toEqual({ error: 'CredentialsProviderError' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
