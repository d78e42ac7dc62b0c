#!/usr/bin/env node
// Purpose: bundle every Lambda handler into a deterministic zip plus a manifest Terraform consumes.
// Usage:   node scripts/build-lambdas.mjs [--outdir=dist/lambdas] [--only=<pkg>-<handler>,...] [--quiet]
// Inputs:  packages/<pkg>/src/handlers/<handler>.ts (each exports `handler`).
// Outputs: <outdir>/<pkg>-<handler>.zip (index.mjs + index.mjs.LEGAL.txt, fixed mtimes and modes),
//          <outdir>/<pkg>-<handler>/ (unzipped bundle, source map, esbuild metafile),
//          <outdir>/manifest.json ({ lambdas: [{ name, package, handler, zip, bytes, sha256, bundleBytes }] },
//          sha256 base64 as Terraform's filebase64sha256 prints it). Two builds of one commit are byte-identical.
// Exit:    non-zero when any bundle fails or no handler is found.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import yazl from 'yazl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const outdir = resolve(root, arg('outdir') ?? 'dist/lambdas');
const only = arg('only')?.split(',');
const quiet = process.argv.includes('--quiet');
// Fixed timestamp for every zip entry so identical bundles give identical zips (source_code_hash stays put).
const ZIP_MTIME = new Date('1980-01-01T00:00:00Z');

/** Every `packages/<pkg>/src/handlers/<handler>.ts`, sorted for a stable manifest. */
export const discoverHandlers = (base = root) => {
  const found = [];
  const packagesDir = join(base, 'packages');
  for (const pkg of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, pkg, 'src', 'handlers');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue;
      const handler = file.slice(0, -3);
      found.push({ name: `${pkg}-${handler}`, package: pkg, handler, entry: join(dir, file) });
    }
  }
  return found;
};

const zipEntries = (entries) =>
  new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, buf] of entries) {
      zip.addBuffer(buf, name, {
        mtime: ZIP_MTIME,
        mode: 0o100644,
        compress: true,
        compressionLevel: 9,
      });
    }
    const chunks = [];
    zip.outputStream.on('data', (c) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });

/**
 * zod 4 re-exports every message locale (`z.locales.*`), ~260 KB minified that esbuild cannot drop. We
 * only ever use the English messages zod installs by default, so the locale barrel is replaced by one
 * that exports `en` alone. See docs/decisions/0003-esm-bundles.md.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]/.test(args.importer)) return undefined;
      const index = resolve(args.resolveDir, args.path);
      return {
        path: index,
        namespace: 'zod-english-only',
        pluginData: { en: join(dirname(index), 'en.js') },
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.pluginData.en)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Lambda hands every function its role's credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN: the first source of the SDK's default chain (`@aws-sdk/credential-provider-node`). The
 * rest of that chain (SSO, shared ini files, credential_process, web identity, login, container and instance
 * metadata) and the STS / SSO clients it carries are never reached in Lambda, yet they were ~120 KB of every
 * bundle and about a fifth of its import time. Bundles resolve the default chain to its environment source
 * alone (the same package version the chain itself uses); without those variables the SDK fails with its own
 * CredentialsProviderError. Runs from source (local runtime, CLI, tests) keep the full chain.
 * See docs/decisions/0003-esm-bundles.md.
 */
export const lambdaEnvCredentials = {
  name: 'lambda-env-credentials',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, async (args) => {
      if (args.pluginData?.lambdaEnvCredentials) return undefined;
      const chain = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { lambdaEnvCredentials: true },
      });
      if (chain.errors.length > 0) return { errors: chain.errors };
      return { path: chain.path, namespace: 'lambda-env-credentials' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lambda-env-credentials' }, (args) => ({
      contents: "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';",
      loader: 'js',
      // Resolve the environment source as the default chain's own dependency.
      resolveDir: dirname(args.path),
    }));
  },
};

/** The esbuild plugins every Lambda bundle is built with. */
export const LAMBDA_PLUGINS = [zodEnglishOnly, lambdaEnvCredentials];

const bundleOne = async (h) => {
  const dir = join(outdir, h.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [h.entry],
    outfile: join(dir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // One artifact for Node 20 (dev, CI) and the nodejs22.x Lambda runtime.
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: LAMBDA_PLUGINS,
    absWorkingDir: root,
    // The runtime provides no other modules we rely on; the AWS SDK is bundled on purpose
    // (pinned version, faster cold start), with its credential chain cut to the environment source
    // (lambdaEnvCredentials). See docs/decisions/0003-esm-bundles.md.
  });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(result.metafile));
  const code = readFileSync(join(dir, 'index.mjs'));
  const entries = [['index.mjs', code]];
  const legal = join(dir, 'index.mjs.LEGAL.txt');
  if (existsSync(legal)) entries.push(['index.mjs.LEGAL.txt', readFileSync(legal)]);
  const zip = await zipEntries(entries);
  const zipName = `${h.name}.zip`;
  writeFileSync(join(outdir, zipName), zip);
  return {
    name: h.name,
    package: h.package,
    handler: h.handler,
    zip: zipName,
    bytes: zip.length,
    sha256: createHash('sha256').update(zip).digest('base64'),
    bundleBytes: code.length,
  };
};

const main = async () => {
  const handlers = discoverHandlers().filter((h) => !only || only.includes(h.name));
  if (handlers.length === 0) {
    process.stderr.write('build-lambdas: no handlers found under packages/*/src/handlers/*.ts\n');
    return 1;
  }
  mkdirSync(outdir, { recursive: true });
  const lambdas = [];
  let failed = 0;
  for (const h of handlers) {
    try {
      lambdas.push(await bundleOne(h));
    } catch (err) {
      failed += 1;
      const first = err?.errors?.[0];
      const where = first?.location ? ` at ${first.location.file}:${first.location.line}` : '';
      process.stderr.write(
        `build-lambdas: ${h.name} failed: ${first?.text ?? err.message}${where}\n`
      );
    }
  }
  writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify({ lambdas }, null, 2)}\n`);
  if (!quiet) {
    process.stdout.write(
      `${'lambda'.padEnd(40)} ${'bundle'.padStart(10)} ${'zip'.padStart(10)}  sha256\n`
    );
    for (const l of lambdas) {
      process.stdout.write(
        `${l.name.padEnd(40)} ${String(l.bundleBytes).padStart(10)} ${String(l.bytes).padStart(10)}  ${l.sha256}\n`
      );
    }
    process.stdout.write(
      `manifest: ${relative(root, join(outdir, 'manifest.json'))} (${lambdas.length} lambdas)\n`
    );
  }
  return failed > 0 ? 1 : 0;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`build-lambdas: ${err.message}\n`);
      process.exit(1);
    }
  );
}
