// Lambda coverage: what the build bundles (packages/*/src/handlers/*.ts -> dist/lambdas/<pkg>-<name>.zip)
// against what the stack deploys (module calls of modules/lambda, keyed by `local.artifacts["<name>"]`).
// A handler file nobody deploys, or a deployed Lambda with neither a handler nor a planned entry, fails;
// a planned handler that is not written yet is reported as info. When dist/lambdas/manifest.json exists,
// every Lambda in it must be deployed. Every deployed Lambda must be in it too, but a missing build is a
// build problem, not a Terraform one: it is an error only with `requireBuild` (the pre-apply check,
// `check-terraform --require-build`), otherwise info, so partial local builds do not fail the suite.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Findings } from './findings';
import { type Expr, HclExprError } from './hcl-expr';
import type { ModuleConfig } from './tf-config';
import { moduleSourceDir, parseCached } from './tf-static';

/** A handler: `packages/<package>/src/handlers/<handler>.ts`, built to `<package>-<handler>.zip`. */
export interface LambdaArtifact {
  readonly package: string;
  readonly handler: string;
}

export const artifactName = (a: LambdaArtifact): string => `${a.package}-${a.handler}`;

/** The handlers the design plans (DESIGN §3). */
export const PLANNED_LAMBDAS: readonly LambdaArtifact[] = [
  { package: 'govwin-poller', handler: 'orchestrator' },
  { package: 'govwin-poller', handler: 'worker' },
  { package: 'hubspot-webhook-receiver', handler: 'receiver' },
  { package: 'ace-submitter', handler: 'submit' },
  { package: 'ace-submitter', handler: 'update' },
  { package: 'ace-submitter', handler: 'events' },
  { package: 'ace-submitter', handler: 'reconcile' },
  { package: 'cli', handler: 'drift-report' },
  { package: 'ui-ext-reads', handler: 'reads' },
  { package: 'ui-ext-writes', handler: 'writes' },
];

/** Every handler file the build would bundle. */
export const handlerArtifacts = (repoRoot: string): LambdaArtifact[] => {
  const packagesDir = join(repoRoot, 'packages');
  if (!existsSync(packagesDir)) return [];
  const out: LambdaArtifact[] = [];
  for (const pkg of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, pkg, 'src', 'handlers');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
        out.push({ package: pkg, handler: f.slice(0, -3) });
  }
  return out;
};

export interface DeployedLambda {
  readonly module: string;
  readonly artifact: string;
}

/** The artifact key of `local.artifacts["<key>"].<attr>`, if the expression is exactly that. */
const artifactKey = (value: unknown, attr: string): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const e = parseCached(value);
  if (e instanceof HclExprError) return undefined;
  const isAttr = (x: Expr): x is Extract<Expr, { k: 'attr' }> => x.k === 'attr';
  if (!isAttr(e) || e.name !== attr || e.obj.k !== 'index') return undefined;
  const idx = e.obj;
  if (
    idx.obj.k !== 'attr' ||
    idx.obj.name !== 'artifacts' ||
    idx.obj.obj.k !== 'scope' ||
    idx.obj.obj.name !== 'local'
  )
    return undefined;
  const key = idx.key;
  if (key.k === 'template' && key.parts.length === 1 && key.parts[0]?.k === 'lit')
    return String(key.parts[0].value);
  if (key.k === 'lit' && typeof key.value === 'string') return key.value;
  return undefined;
};

/** Module calls of modules/lambda in a root module, with their artifact names (problems reported). */
export const deployedLambdas = (
  root: ModuleConfig,
  lambdaModuleDir: string,
  findings: Findings
): DeployedLambda[] => {
  const out: DeployedLambda[] = [];
  for (const call of root.modules.values()) {
    if (moduleSourceDir(root, call.body) !== resolve(lambdaModuleDir)) continue;
    const where = `${root.rel}: module.${call.name}`;
    const path = artifactKey(call.body.artifact_path, 'path');
    const hash = artifactKey(call.body.artifact_sha256, 'sha256');
    if (!path) {
      findings.error(
        'lambda-coverage',
        where,
        'artifact_path must be local.artifacts["<package>-<handler>"].path'
      );
      continue;
    }
    if (hash !== path)
      findings.error(
        'lambda-coverage',
        where,
        `artifact_sha256 must come from the same manifest entry ("${path}")`
      );
    const name = typeof call.body.name === 'string' ? call.body.name : '';
    if (!name.endsWith(`-${path}`))
      findings.error(
        'lambda-coverage',
        where,
        `function name must end with "-${path}" (the artifact name)`
      );
    out.push({ module: call.name, artifact: path });
  }
  return out;
};

/** Compares handler files, the planned list, the deployed module calls and (if built) the manifest. */
export const checkLambdaCoverage = (
  repoRoot: string,
  deployed: readonly DeployedLambda[],
  findings: Findings,
  opts: { readonly requireBuild?: boolean; readonly planned?: readonly LambdaArtifact[] } = {}
): void => {
  const plannedLambdas = opts.planned ?? PLANNED_LAMBDAS;
  const notBuilt = (where: string, text: string): void =>
    opts.requireBuild
      ? findings.error('lambda-coverage', where, text)
      : findings.info('lambda-coverage', where, text);
  const handlerList = handlerArtifacts(repoRoot);
  const handlers = new Set(handlerList.map(artifactName));
  const planned = plannedLambdas.map(artifactName);
  const deployedNames = new Set<string>();
  for (const d of deployed) {
    if (deployedNames.has(d.artifact))
      findings.error('lambda-coverage', `module.${d.module}`, `${d.artifact} is deployed twice`);
    deployedNames.add(d.artifact);
    if (!handlers.has(d.artifact) && !planned.includes(d.artifact))
      findings.error(
        'lambda-coverage',
        `module.${d.module}`,
        `deploys ${d.artifact}, which is neither a handler file nor planned`
      );
  }
  for (const h of handlerList)
    if (!deployedNames.has(artifactName(h)))
      findings.error(
        'lambda-coverage',
        `packages/${h.package}/src/handlers/${h.handler}.ts`,
        `the build bundles ${artifactName(h)}, but no module call of modules/lambda deploys it`
      );
  const notWritten = planned.filter((p) => !handlers.has(p));
  if (notWritten.length > 0)
    findings.info(
      'lambda-coverage',
      'packages/*/src/handlers',
      `planned handlers not written yet: ${notWritten.join(', ')}`
    );

  const manifestPath = join(repoRoot, 'dist', 'lambdas', 'manifest.json');
  if (!existsSync(manifestPath)) {
    notBuilt(
      'dist/lambdas/manifest.json',
      'no build manifest (run pnpm build); compared handler files only'
    );
    return;
  }
  let entries: { name?: unknown; zip?: unknown }[];
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { lambdas?: unknown };
    if (!Array.isArray(manifest.lambdas)) throw new Error('no "lambdas" array');
    entries = manifest.lambdas as { name?: unknown; zip?: unknown }[];
  } catch (err) {
    findings.error(
      'lambda-coverage',
      'dist/lambdas/manifest.json',
      `unreadable: ${err instanceof Error ? err.message : String(err)}`
    );
    return;
  }
  const inManifest = new Set(entries.map((e) => String(e.name)));
  for (const e of entries) {
    if (!deployedNames.has(String(e.name)))
      findings.error(
        'lambda-coverage',
        'dist/lambdas/manifest.json',
        `${String(e.name)} is built but not deployed`
      );
    if (e.zip !== `${String(e.name)}.zip`)
      findings.error(
        'lambda-coverage',
        'dist/lambdas/manifest.json',
        `${String(e.name)}: zip should be ${String(e.name)}.zip`
      );
  }
  for (const d of deployed) {
    if (inManifest.has(d.artifact)) continue;
    if (handlers.has(d.artifact))
      notBuilt(
        `module.${d.module}`,
        `${d.artifact} is deployed but not in the build manifest (run pnpm build)`
      );
    else
      findings.info(
        'lambda-coverage',
        `module.${d.module}`,
        `${d.artifact} is not built yet (handler not written)`
      );
  }
};

/**
 * A manifest listing `artifacts` with sample hashes. Evaluation always uses it instead of the real
 * dist/lambdas/manifest.json, so the IAM and structure checks do not depend on the state of a local build
 * (the real manifest is compared by checkLambdaCoverage).
 */
export const sampleManifest = (planned: readonly LambdaArtifact[] = PLANNED_LAMBDAS): string =>
  JSON.stringify({
    lambdas: planned.map((a) => ({
      name: artifactName(a),
      package: a.package,
      handler: a.handler,
      zip: `${artifactName(a)}.zip`,
      bytes: 1,
      sha256: createHash('sha256').update(artifactName(a)).digest('base64'),
    })),
  });
