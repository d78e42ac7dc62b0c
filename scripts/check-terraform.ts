#!/usr/bin/env -S npx tsx
// Purpose: verify the Terraform under terraform/ without a terraform binary or AWS access.
// Usage:   npx tsx scripts/check-terraform.ts [--terraform-dir <dir>] [--write-docs] [--require-build] [--verbose]
//          (--require-build: also fail when a deployed Lambda is missing from dist/lambdas/manifest.json;
//          run it after `pnpm build`, right before `terraform apply`)
// Inputs:  terraform/{bootstrap,stack,modules/*}/*.tf, their terraform.tfvars.example (sample inputs),
//          terraform/bootstrap/policies/bootstrap-operator.json, packages/*/src/handlers/*.ts and, if
//          built, dist/lambdas/manifest.json.
// Checks:  every .tf parses (@cdktf/hcl2json) and is formatted (@cdktf/hcl-tools); every reference,
//          function and module argument resolves; no dependency cycle; conventions (typed, described,
//          versions.tf, IAM only as policy documents, README tables); Lambda coverage (handlers vs
//          deployments vs manifest); the configuration is evaluated with the example tfvars (variable
//          validations run), then resource invariants (DLQs, CMK, log groups, alarms, tags) and IAM
//          rules are checked on the rendered policies, and the IAM intents of DESIGN §5 (plus who may
//          send to each on-failure destination of an asynchronous invocation) are simulated
//          with @cloud-copilot/iam-simulate (test-only devDependency).
// Output:  one line per finding and a summary; exit 1 when any error was found.
// The Jest suite tests/unit/terraform/ runs the same checks (and plants errors to prove they fail).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDocs } from './terraform-check/docs';
import { type Finding, Findings, formatFinding } from './terraform-check/findings';
import {
  artifactName,
  checkLambdaCoverage,
  deployedLambdas,
  handlerArtifacts,
  PLANNED_LAMBDAS,
  sampleManifest,
} from './terraform-check/handlers';
import { TfEvalError, type Value } from './terraform-check/hcl-eval';
import {
  asyncFailureIntents,
  deadLetterReadIntents,
  deploymentFacts,
  explicitIntents,
  type IntentCase,
  type IntentResult,
  reachIntents,
  runIntents,
  sweepIntents,
} from './terraform-check/iam-intents';
import { buildIamModel, type IamModel, type NamedPolicy } from './terraform-check/iam-model';
import { checkIamRules } from './terraform-check/iam-rules';
import type { PolicyDocument } from './terraform-check/samples';
import { checkStructure } from './terraform-check/structure';
import { hclTools, listTfFiles, loadModule, type ModuleConfig } from './terraform-check/tf-config';
import {
  checkConventions,
  checkCycles,
  checkModule,
  type ModuleNode,
  moduleSourceDir,
} from './terraform-check/tf-static';
import { message, World } from './terraform-check/tf-world';

export interface CheckOptions {
  /** The terraform/ directory (bootstrap/, stack/, modules/). */
  readonly terraformDir: string;
  /** Repository root (packages/ and dist/ are read from here). */
  readonly repoRoot: string;
  /** Rewrite README inputs/outputs tables instead of reporting them. */
  readonly writeDocs?: boolean;
  /** Fail when a deployed Lambda is not in dist/lambdas/manifest.json (the pre-apply check). */
  readonly requireBuild?: boolean;
}

export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly errors: readonly Finding[];
  readonly intents: readonly IntentResult[];
  readonly model: IamModel | undefined;
  readonly world: World | undefined;
  readonly filesChecked: number;
}

const ROOTS = ['bootstrap', 'stack'] as const;

/** Loads a root and, recursively, every local module it calls. */
const loadTree = async (
  dir: string,
  displayRoot: string,
  findings: Findings,
  cache: Map<string, ModuleConfig>
): Promise<ModuleNode> => {
  const load = async (d: string): Promise<ModuleConfig> => {
    const hit = cache.get(d);
    if (hit) return hit;
    const m = await loadModule(d, displayRoot, findings);
    cache.set(d, m);
    return m;
  };
  const build = async (d: string, seen: readonly string[]): Promise<ModuleNode> => {
    const config = await load(d);
    const children = new Map<string, ModuleNode>();
    for (const call of config.modules.values()) {
      const childDir = moduleSourceDir(config, call.body);
      if (!childDir || !existsSync(childDir) || seen.includes(childDir)) continue;
      children.set(call.name, await build(childDir, [...seen, d]));
    }
    return { config, children };
  };
  return build(dir, []);
};

/** Values of a terraform.tfvars.example (HCL attributes, literals only). */
const loadTfvars = async (
  path: string,
  findings: Findings,
  displayRoot: string
): Promise<Record<string, Value>> => {
  if (!existsSync(path)) {
    findings.error(
      'tfvars',
      relative(displayRoot, path),
      'missing (it is the sample input the checks evaluate with)'
    );
    return {};
  }
  try {
    const { parse } = await hclTools();
    const json = await parse(relative(displayRoot, path), readFileSync(path, 'utf8'));
    for (const [k, v] of Object.entries(json))
      if (JSON.stringify(v).includes('${'))
        findings.error(
          'tfvars',
          relative(displayRoot, path),
          `${k}: example values must be literals`
        );
    return json as Record<string, Value>;
  } catch (err) {
    findings.error('tfvars', relative(displayRoot, path), message(err));
    return {};
  }
};

const walkTree = (n: ModuleNode, f: (n: ModuleNode) => void): void => {
  f(n);
  for (const c of n.children.values()) walkTree(c, f);
};

/** Runs every check and returns the findings and intent results. */
export const checkTerraform = async (opts: CheckOptions): Promise<CheckReport> => {
  const terraformDir = resolve(opts.terraformDir);
  const repoRoot = resolve(opts.repoRoot);
  // Paths in findings are relative to terraform/'s parent (the repo root for the real tree; a temporary
  // directory for the planted-error copies), so messages read `terraform/stack/...` either way.
  const displayRoot = dirname(terraformDir);
  const findings = new Findings();
  const cache = new Map<string, ModuleConfig>();

  // 1. Syntax and formatting of every .tf file, and the configuration of every directory that has one.
  const files = listTfFiles(terraformDir);
  const dirs = [...new Set(files.map((f) => dirname(f)))];
  for (const d of dirs) cache.set(d, await loadModule(d, displayRoot, findings));

  // 2. Static checks per root tree.
  const trees = new Map<string, ModuleNode>();
  for (const r of ROOTS) {
    const dir = join(terraformDir, r);
    if (!existsSync(dir)) {
      findings.error('layout', relative(displayRoot, dir), 'root module is missing');
      continue;
    }
    trees.set(r, await loadTree(dir, displayRoot, findings, cache));
  }
  const checked = new Set<string>();
  for (const [label, tree] of trees) {
    walkTree(tree, (n) => {
      if (checked.has(n.config.dir)) return;
      checked.add(n.config.dir);
      checkModule(n.config, new Map([...n.children].map(([k, v]) => [k, v.config])), findings);
    });
    checkCycles(tree, label, findings);
  }
  for (const d of dirs) {
    const m = cache.get(d) as ModuleConfig;
    checkConventions(m, findings);
    checkDocs(m, findings, opts.writeDocs ?? false);
  }

  // 3. Lambda coverage.
  const stackTree = trees.get('stack');
  if (stackTree)
    checkLambdaCoverage(
      repoRoot,
      deployedLambdas(stackTree.config, join(terraformDir, 'modules', 'lambda'), findings),
      findings,
      {
        requireBuild: opts.requireBuild ?? false,
      }
    );

  // 4. Evaluation with the example inputs, resource invariants, IAM rules and intents.
  let world: World | undefined;
  let model: IamModel | undefined;
  let intents: IntentResult[] = [];
  const staticErrors = findings.errors.filter((f) =>
    ['parse', 'reference', 'module-argument', 'expression', 'duplicate'].includes(f.check)
  );
  if (trees.size === ROOTS.length && staticErrors.length === 0) {
    const artifacts = [...PLANNED_LAMBDAS, ...handlerArtifacts(repoRoot)];
    const manifest = sampleManifest(
      artifacts.filter(
        (a, i) => artifacts.findIndex((b) => artifactName(b) === artifactName(a)) === i
      )
    );
    const roots = [];
    for (const r of ROOTS) {
      const node = trees.get(r) as ModuleNode;
      roots.push({
        label: r,
        node,
        inputs: await loadTfvars(
          join(node.config.dir, 'terraform.tfvars.example'),
          findings,
          displayRoot
        ),
      });
    }
    world = new World(roots, findings, (path) =>
      path.endsWith(join('dist', 'lambdas', 'manifest.json')) ? manifest : undefined
    );
    for (const root of world.roots) {
      try {
        root.validate();
      } catch (err) {
        findings.error('evaluate', root.label, message(err));
      }
    }
    let stackKeyArn: string | undefined;
    try {
      stackKeyArn = String(world.root('stack').local('kms_key_arn'));
    } catch (err) {
      findings.error('evaluate', 'stack: local.kms_key_arn', message(err));
    }
    checkStructure(world, findings, { stackKeyArn });

    model = buildIamModel(world, findings);
    const operatorPath = join(terraformDir, 'bootstrap', 'policies', 'bootstrap-operator.json');
    let operator: NamedPolicy | undefined;
    try {
      operator = {
        name: 'bootstrap-operator',
        address: relative(displayRoot, operatorPath),
        kind: 'file',
        doc: JSON.parse(readFileSync(operatorPath, 'utf8')) as PolicyDocument,
      };
    } catch (err) {
      findings.error('iam', relative(displayRoot, operatorPath), `cannot be read: ${message(err)}`);
    }
    const catalogs = new Map<string, string>();
    try {
      catalogs.set('stack', String(world.root('stack').variable('ace_catalog')));
    } catch (err) {
      findings.error('evaluate', 'stack var.ace_catalog', message(err));
    }
    await checkIamRules(model, findings, catalogs, operator ? [operator] : []);

    let cases: IntentCase[] = [];
    try {
      const d = deploymentFacts(world);
      cases = [
        ...explicitIntents(d),
        ...sweepIntents(d, model),
        ...asyncFailureIntents(world, d, model),
        ...deadLetterReadIntents(world, d, model),
        ...reachIntents(world, d, 'stack', `${d.prefix}-deployer`, 'acme-prod'),
        ...reachIntents(world, d, 'bootstrap', 'bootstrap-operator', 'acme-corp'),
      ];
    } catch (err) {
      findings.error(
        'iam-intent',
        'intents',
        `cannot be built: ${err instanceof TfEvalError ? err.message : message(err)}`
      );
    }
    intents = await runIntents(cases, model, operator);
    for (const r of intents.filter((x) => !x.ok))
      findings.error(
        'iam-intent',
        r.intent.subject,
        `${r.intent.id}, but simulation says ${r.actual} (${r.intent.action} on ${r.intent.resource})`
      );
  } else if (staticErrors.length > 0) {
    findings.info(
      'evaluate',
      relative(displayRoot, terraformDir),
      'skipped evaluation and IAM simulation: fix the errors above first'
    );
  }

  return {
    findings: findings.list,
    errors: findings.errors,
    intents,
    model,
    world,
    filesChecked: files.length,
  };
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dirArg = args.indexOf('--terraform-dir');
  const terraformDir =
    dirArg >= 0 && args[dirArg + 1]
      ? resolve(args[dirArg + 1] as string)
      : join(repoRoot, 'terraform');
  const started = Date.now();
  const report = await checkTerraform({
    terraformDir,
    repoRoot,
    writeDocs: args.includes('--write-docs'),
    requireBuild: args.includes('--require-build'),
  });
  const verbose = args.includes('--verbose');
  for (const f of report.findings)
    if (verbose || f.severity === 'error' || f.check === 'lambda-coverage')
      console.log(formatFinding(f));
  if (verbose)
    for (const r of report.intents)
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.intent.id} (${r.actual})`);
  const passed = report.intents.filter((r) => r.ok).length;
  console.log(
    `check-terraform: ${report.filesChecked} files, ${report.model?.roles.length ?? 0} roles, ` +
      `${passed}/${report.intents.length} IAM intents hold, ${report.errors.length} errors (${((Date.now() - started) / 1000).toFixed(1)} s)`
  );
  process.exitCode = report.errors.length > 0 ? 1 : 0;
};

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(`check-terraform: ${message(err)}`);
    process.exitCode = 1;
  });
}
