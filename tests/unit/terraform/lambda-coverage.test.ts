// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL as @cdktf/hcl2json emits it (${…} expressions)
// Lambda coverage on fixture repositories: handler files vs deployed module calls vs the build manifest.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Findings, formatFinding } from '../../../scripts/terraform-check/findings';
import {
  checkLambdaCoverage,
  type DeployedLambda,
  deployedLambdas,
  type LambdaArtifact,
} from '../../../scripts/terraform-check/handlers';
import type { JsonObject, ModuleConfig } from '../../../scripts/terraform-check/tf-config';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PLANNED: readonly LambdaArtifact[] = [
  { package: 'ace-submitter', handler: 'submit' },
  { package: 'ui-ext-writes', handler: 'writes' },
];

/** A repository with the given handler files and, optionally, a build manifest listing `built`. */
const fixtureRepo = (handlers: readonly LambdaArtifact[], built?: readonly string[]): string => {
  const root = mkdtempSync(join(tmpdir(), 'lambda-coverage-'));
  dirs.push(root);
  for (const h of handlers) {
    const dir = join(root, 'packages', h.package, 'src', 'handlers');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${h.handler}.ts`), 'export const handler = async () => ({});\n');
  }
  mkdirSync(join(root, 'packages', 'shared-core', 'src'), { recursive: true });
  if (built) {
    mkdirSync(join(root, 'dist', 'lambdas'), { recursive: true });
    const lambdas = built.map((name) => ({ name, zip: `${name}.zip`, bytes: 1, sha256: 'x' }));
    writeFileSync(join(root, 'dist', 'lambdas', 'manifest.json'), JSON.stringify({ lambdas }));
  }
  return root;
};

const run = (
  root: string,
  deployed: DeployedLambda[],
  requireBuild = false
): { errors: string[]; infos: string[] } => {
  const findings = new Findings();
  checkLambdaCoverage(root, deployed, findings, { requireBuild, planned: PLANNED });
  return {
    errors: findings.errors.map(formatFinding),
    infos: findings.list.filter((f) => f.severity === 'info').map(formatFinding),
  };
};

const submit: DeployedLambda = { module: 'ace_submitter_submit', artifact: 'ace-submitter-submit' };
const writes: DeployedLambda = { module: 'ui_ext_writes', artifact: 'ui-ext-writes-writes' };

describe('checkLambdaCoverage', () => {
  it('accepts a deployed handler and only reports a planned handler that is not written yet', () => {
    const root = fixtureRepo([{ package: 'ace-submitter', handler: 'submit' }]);
    const { errors, infos } = run(root, [submit, writes]);
    expect(errors).toEqual([]);
    expect(infos).toContainEqual(
      expect.stringMatching(/planned handlers not written yet: ui-ext-writes-writes/)
    );
  });

  it('fails on a handler file that no module call deploys', () => {
    const root = fixtureRepo([
      { package: 'ace-submitter', handler: 'submit' },
      { package: 'ace-submitter', handler: 'backfill' },
    ]);
    expect(run(root, [submit]).errors).toEqual([
      expect.stringMatching(
        /packages\/ace-submitter\/src\/handlers\/backfill\.ts: the build bundles ace-submitter-backfill/
      ),
    ]);
  });

  it('fails on a deployed Lambda with neither a handler file nor a planned entry', () => {
    const root = fixtureRepo([{ package: 'ace-submitter', handler: 'submit' }]);
    const stray: DeployedLambda = { module: 'cli_drift', artifact: 'cli-drift' };
    expect(run(root, [submit, stray]).errors).toEqual([
      expect.stringMatching(
        /module\.cli_drift: deploys cli-drift, which is neither a handler file nor planned/
      ),
    ]);
  });

  it('fails on a Lambda deployed twice', () => {
    const root = fixtureRepo([{ package: 'ace-submitter', handler: 'submit' }]);
    expect(run(root, [submit, { ...submit, module: 'again' }]).errors).toEqual([
      expect.stringMatching(/ace-submitter-submit is deployed twice/),
    ]);
  });

  describe('with a build manifest', () => {
    it('fails on a built Lambda that is not deployed', () => {
      const root = fixtureRepo(
        [{ package: 'ace-submitter', handler: 'submit' }],
        ['ace-submitter-submit', 'ace-submitter-extra']
      );
      expect(run(root, [submit]).errors).toEqual([
        expect.stringMatching(/ace-submitter-extra is built but not deployed/),
      ]);
    });

    it('reports a deployed handler missing from the manifest as info, and as an error with requireBuild', () => {
      const root = fixtureRepo(
        [
          { package: 'ace-submitter', handler: 'submit' },
          { package: 'ui-ext-writes', handler: 'writes' },
        ],
        ['ace-submitter-submit']
      );
      const lenient = run(root, [submit, writes]);
      expect(lenient.errors).toEqual([]);
      expect(lenient.infos).toContainEqual(
        expect.stringMatching(/ui-ext-writes-writes is deployed but not in the build manifest/)
      );
      expect(run(root, [submit, writes], true).errors).toEqual([
        expect.stringMatching(/ui-ext-writes-writes is deployed but not in the build manifest/),
      ]);
    });

    it('fails with requireBuild when nothing was built', () => {
      const root = fixtureRepo([{ package: 'ace-submitter', handler: 'submit' }]);
      expect(run(root, [submit], true).errors).toEqual([
        expect.stringMatching(/no build manifest/),
      ]);
    });

    it('passes when every handler is built and deployed', () => {
      const root = fixtureRepo(
        [
          { package: 'ace-submitter', handler: 'submit' },
          { package: 'ui-ext-writes', handler: 'writes' },
        ],
        ['ace-submitter-submit', 'ui-ext-writes-writes']
      );
      expect(run(root, [submit, writes], true).errors).toEqual([]);
    });
  });
});

describe('deployedLambdas', () => {
  /** A root module config with module calls shaped as @cdktf/hcl2json emits them. */
  const rootWith = (calls: Record<string, JsonObject>): ModuleConfig => ({
    dir: '/repo/terraform/stack',
    rel: 'terraform/stack',
    files: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    data: new Map(),
    modules: new Map(
      Object.entries(calls).map(([name, body]) => [
        name,
        { name, body, file: 'terraform/stack/lambdas.tf' },
      ])
    ),
    providers: [],
    terraform: [],
  });
  const call = (artifact: string, overrides: JsonObject = {}): JsonObject => ({
    source: '../modules/lambda',
    name: `\${local.name_prefix}-${artifact}`,
    artifact_path: `\${local.artifacts["${artifact}"].path}`,
    artifact_sha256: `\${local.artifacts["${artifact}"].sha256}`,
    ...overrides,
  });

  it('reads the artifact name of every lambda module call and ignores other modules', () => {
    const findings = new Findings();
    const root = rootWith({
      ace_submitter_submit: call('ace-submitter-submit'),
      api: { source: '../modules/api' },
    });
    expect(deployedLambdas(root, '/repo/terraform/modules/lambda', findings)).toEqual([submit]);
    expect(findings.errors).toEqual([]);
  });

  it('rejects a hash from another manifest entry, a mismatched name and an artifact path it cannot read', () => {
    const findings = new Findings();
    const root = rootWith({
      a: call('ace-submitter-submit', {
        artifact_sha256: '${local.artifacts["ace-submitter-update"].sha256}',
      }),
      b: call('ace-submitter-update', { name: '${local.name_prefix}-update' }),
      c: call('ace-submitter-events', { artifact_path: '${var.zip}' }),
    });
    deployedLambdas(root, '/repo/terraform/modules/lambda', findings);
    expect(findings.errors.map(formatFinding)).toEqual([
      expect.stringMatching(/module\.a: artifact_sha256 must come from the same manifest entry/),
      expect.stringMatching(/module\.b: function name must end with "-ace-submitter-update"/),
      expect.stringMatching(/module\.c: artifact_path must be local\.artifacts/),
    ]);
  });
});
