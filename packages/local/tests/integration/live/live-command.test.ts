// `pnpm start -- --live` run as an operator runs it (a separate process), on the REAL live code path, with
// the three endpoints pointed at simulators started here through the documented test overrides.
// The tests form one story and run in order: refuse without confirmation; submit (one deal cannot be
// mapped and fails); then, after the rep fixes that deal, a second run with the same state directory
// submits it and creates nothing for the first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  ASSOCIATION_TYPE,
  DEAL_PROP,
  ensureHubSpotSchema,
  govwinHubSpotSchema,
  makeHttpClient,
  makeHubSpotClient,
} from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseMainArgs } from '../../../src/cli-args';
import { GOVWIN_PIPELINE_LABEL } from '../../../src/fixtures/index';
import { runLive } from '../../../src/live';
import { resolveLocalPipeline } from '../../../src/runtime/local-environment';
import {
  type GovWinSimulator,
  type HubSpotSimulator,
  type PartnerCentralSimulator,
  startGovWinSimulator,
  startHubSpotSimulator,
  startPartnerCentralSimulator,
} from '../../../src/simulators/index';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const main = `${root}packages/local/src/main.ts`;
const ACCOUNT = '123456789012';
const AWS_SECRET = 'test-aws-secret-value-0001';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the main command; asynchronous, because the simulators answer from this process. */
const run = (args: readonly string[], env: Record<string, string>): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, main, ...args], {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });

describe('pnpm start -- --live against the simulators (endpoint overrides)', () => {
  let govwin: GovWinSimulator;
  let hubspot: HubSpotSimulator;
  let pc: PartnerCentralSimulator;
  let stateDir: string;
  let dealId: string;
  let badDealId: string;
  let badCompanyId: string;
  let triggerStageId: string;
  let env: Record<string, string>;

  const opportunitiesOf = (id: string) =>
    (
      pc.inspect().catalogs.Sandbox.opportunities as {
        Id?: string;
        PartnerOpportunityIdentifier?: string;
      }[]
    ).filter((o) => o.PartnerOpportunityIdentifier === id);
  const secretValues = () => [
    govwin.credentials.password,
    govwin.credentials.clientSecret,
    hubspot.accessToken,
    AWS_SECRET,
  ];

  beforeAll(async () => {
    govwin = await startGovWinSimulator({ seed: 5, opportunityCount: 4 });
    hubspot = await startHubSpotSimulator({ seed: 5 });
    pc = await startPartnerCentralSimulator({ seed: 5, accountId: ACCOUNT });
    // The portal as `govwin-ace setup-hubspot` leaves it; live mode never changes the schema itself.
    const client = makeHubSpotClient({
      http: makeHttpClient({ allowedHosts: ['127.0.0.1'] }),
      baseUrl: hubspot.url,
      accessToken: async () => hubspot.accessToken,
    });
    await ensureHubSpotSchema(client, govwinHubSpotSchema(GOVWIN_PIPELINE_LABEL));
    const pipeline = await resolveLocalPipeline(
      hubspot.url,
      hubspot.accessToken,
      GOVWIN_PIPELINE_LABEL
    );
    triggerStageId = pipeline.stageIds.trigger;
    // Two reps' deals, ready for ACE and moved to the trigger stage (fictional names). The second one's
    // company has no website, which AWS needs: it cannot be mapped until the rep adds one.
    const solution = (pc.inspect().catalogs.Sandbox.solutions[0] as { Id?: string }).Id ?? '';
    const makeDeal = async (name: string, website: string | undefined) => {
      const company = await client.createObject('companies', {
        name: `Department of Imaginary ${name}`,
        ...(website ? { website } : {}),
        country: 'United States',
      });
      const deal = await client.createDeal(
        {
          dealname: `Imaginary ${name} Visitor Portal`,
          description:
            'A fictional agency wants to move its visitor portal to the cloud this year.',
          amount: '180000',
          closedate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
          pipeline: pipeline.pipelineId,
          dealstage: triggerStageId,
          [DEAL_PROP.partnerNeed]: 'Co-Sell - Technical Consultation',
          [DEAL_PROP.deliveryModel]: 'SaaS or PaaS',
          [DEAL_PROP.opportunityType]: 'Net New Business',
          [DEAL_PROP.salesActivities]: 'Initialized discussions with customer',
          [DEAL_PROP.useCase]: 'Migration / Database Migration',
          [DEAL_PROP.lifecycleStage]: 'Qualified',
          [DEAL_PROP.solutionId]: solution,
        },
        [{ toId: company.id, associationTypeId: ASSOCIATION_TYPE.dealToCompany }]
      );
      return { dealId: deal.id, companyId: company.id };
    };
    ({ dealId } = await makeDeal('Parks', 'https://imaginary-parks.example.test'));
    ({ dealId: badDealId, companyId: badCompanyId } = await makeDeal('Lighthouses', undefined));
    stateDir = mkdtempSync(join(tmpdir(), 'govwin-ace-live-'));
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'AKIDLIVETEST',
      AWS_SECRET_ACCESS_KEY: AWS_SECRET,
      AWS_EC2_METADATA_DISABLED: 'true',
      GOVWIN_CLIENT_ID: govwin.credentials.clientId,
      GOVWIN_CLIENT_SECRET: govwin.credentials.clientSecret,
      GOVWIN_USERNAME: govwin.credentials.username,
      GOVWIN_PASSWORD: govwin.credentials.password,
      HUBSPOT_ACCESS_TOKEN: hubspot.accessToken,
      HUBSPOT_PORTAL_ID: String(hubspot.portalId),
      AWS_ACCOUNT_ID_FOR_ACE: ACCOUNT,
      GOVWIN_BASE_URL: govwin.baseUrl,
      HUBSPOT_BASE_URL: hubspot.url,
      AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: pc.endpoint,
      GOVWIN_ACE_LOCAL_DIR: stateDir,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all([govwin?.stop(), hubspot?.stop(), pc?.stop()]);
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('missing credentials get one line naming them and exit 2', async () => {
    // Arrange
    const { GOVWIN_PASSWORD: _p, HUBSPOT_PORTAL_ID: _h, ...partial } = env;
    // Act
    const res = await run(['--live'], partial);
    // Assert
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      'govwin-ace local: --live needs GOVWIN_PASSWORD, HUBSPOT_PORTAL_ID in the environment (see docs/local-runtime.md)'
    );
    expect(res.stdout).toBe('');
  }, 60_000);

  it('no AWS credentials in the chain get one line and exit 2', async () => {
    // Arrange: no keys, no profile, no shared files, no instance metadata.
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...rest } = env;
    const none = {
      ...rest,
      AWS_SHARED_CREDENTIALS_FILE: join(stateDir, 'no-credentials'),
      AWS_CONFIG_FILE: join(stateDir, 'no-config'),
    };
    // Act
    const res = await run(['--live'], none);
    // Assert
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n').at(-1)).toBe(
      'govwin-ace local: --live needs AWS credentials for Partner Central (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): the credential chain found none'
    );
    expect(res.stdout).toBe('');
  }, 60_000);

  it('--catalog AWS without --live is refused with exit 2', async () => {
    const res = await run(['--catalog', 'AWS'], env);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      'govwin-ace local: --catalog AWS is only meaningful with --live (the simulator run is always safe)'
    );
  }, 60_000);

  it('without a terminal and without --yes it prints the plan, writes nothing and exits 2', async () => {
    // Act
    const res = await run(['--live'], env);
    // Assert
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n').at(-1)).toBe(
      'govwin-ace local: --live writes to real systems and needs confirmation: pass --yes (no terminal to ask on); nothing was written'
    );
    expect(res.stdout).toContain(`HubSpot          ${hubspot.url} (OVERRIDDEN: a test endpoint)`);
    expect(res.stdout).toContain(`catalog Sandbox, AWS account ${ACCOUNT}`);
    expect(res.stdout).toContain(
      `2 deal(s) in the trigger stage "Submit to AWS" (stage id ${triggerStageId}): ${dealId}, ${badDealId}`
    );
    expect(res.stdout).toContain('2 new: CreateOpportunity');
    expect(govwin.inspect().totalCalls).toBe(0);
    expect(pc.counters().callsTotal).toBe(0);
    expect(hubspot.listObjects('deals')).toHaveLength(2);
  }, 120_000);

  it('on a terminal, any answer but y writes nothing and exits 1', async () => {
    // Arrange: in process, with a terminal that answers "n"; AWS credentials come from process.env.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = env.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = env.AWS_SECRET_ACCESS_KEY;
    const stdin = new PassThrough();
    stdin.end('n\n');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let printed = '';
    stdout.on('data', (c: Buffer) => {
      printed += c.toString('utf8');
    });
    try {
      // Act
      const code = await runLive(parseMainArgs(['--live']), {
        env,
        cwd: root,
        stdout,
        stderr,
        stdin,
        interactive: true,
        hasJava: () => true,
      });
      // Assert
      expect(code).toBe(1);
      expect(printed).toContain('write to these systems now? [y/N] ');
      expect(printed.endsWith('not confirmed: nothing was written\n')).toBe(true);
      expect(govwin.inspect().totalCalls).toBe(0);
      expect(pc.counters().callsTotal).toBe(0);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  }, 60_000);

  it('a handler configuration error after confirmation gets one line, exit 2, and nothing written', async () => {
    // Act
    const res = await run(['--live', '--yes'], { ...env, GOVWIN_DISCOVERY: 'everything' });
    // Assert
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n').at(-1)).toMatch(
      /^govwin-ace local: the handlers could not start: .*GOVWIN_DISCOVERY must be marked, bookmarked, saved-search or search.*; nothing was written$/
    );
    expect(govwin.inspect().totalCalls).toBe(0);
    expect(pc.counters().callsTotal).toBe(0);
  }, 120_000);

  it('with --yes it syncs GovWin, creates one AWS opportunity, dead-letters the unmappable deal and exits 1', async () => {
    // Act
    const res = await run(['--live', '--yes'], env);
    // Assert
    expect(res.stderr).not.toMatch(/govwin-ace local:/);
    expect(res.status).toBe(1);
    const mine = opportunitiesOf(dealId);
    expect(mine).toHaveLength(1);
    expect(hubspot.getObject('deals', dealId)?.properties[DEAL_PROP.cosellId]).toBe(mine[0]?.Id);
    expect(opportunitiesOf(badDealId)).toHaveLength(0);
    expect(hubspot.getObject('deals', badDealId)?.properties[DEAL_PROP.statusNote]).toMatch(
      /website/i
    );
    expect(
      hubspot.listObjects('deals').filter((d) => d.properties.govwin_opp_id).length
    ).toBeGreaterThan(0);
    expect(res.stdout).toMatch(/^\s+ok\s+GovWin -> HubSpot sync/m);
    expect(res.stdout).toMatch(/^\s+FAIL\s+submit the trigger-stage deals/m);
    expect(res.stdout).toMatch(/deals submitted: AWS opportunities created\s+1$/m);
    expect(res.stdout).toMatch(/failed \/ skipped\s+1 \/ 0$/m);
    expect(res.stdout).toMatch(/messages in dead-letter queues\s+1$/m);
    const output = `${res.stdout}${res.stderr}${readFileSync(join(stateDir, 'live-lambda-logs.jsonl'), 'utf8')}`;
    for (const secret of secretValues()) expect(output).not.toContain(secret);
  }, 170_000);

  it('after the rep fixes the deal, a second run with the same state directory submits it and creates nothing for the first', async () => {
    // Arrange: the rep adds the missing website, and drags the submitted deal back into the trigger stage.
    hubspot.userEdit({
      objectType: 'companies',
      objectId: badCompanyId,
      properties: { website: 'https://imaginary-lighthouses.example.test' },
    });
    hubspot.userEdit({
      objectType: 'deals',
      objectId: dealId,
      properties: { dealstage: triggerStageId },
    });
    const creates = pc.counters().calls.CreateOpportunity ?? 0;
    // Act
    const res = await run(['--live', '--yes'], env);
    // Assert
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('1 new: CreateOpportunity');
    expect(res.stdout).toContain('1 already submitted from this state directory');
    expect(res.stdout).toMatch(/deals submitted: AWS opportunities created\s+1$/m);
    expect(res.stdout).toMatch(/adopted \/ resumed \/ already submitted\s+0 \/ 0 \/ 1$/m);
    expect(pc.counters().calls.CreateOpportunity ?? 0).toBe(creates + 1);
    expect(opportunitiesOf(dealId)).toHaveLength(1);
    expect(opportunitiesOf(badDealId)).toHaveLength(1);
  }, 170_000);
});
