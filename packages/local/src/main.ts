// The README's run command (`pnpm start`): the whole pipeline on this machine, on fictional data.
// See docs/local-runtime.md. Exit codes: 0 every available step worked; 1 a step failed;
// 2 bad flags or configuration (one-line message).
import { hasJava } from '@govwin-ace/shared-core/testing';
import { parseMainArgs, USAGE } from './cli-args';
import { captureLambdaLogs } from './log-capture';
import { makeProgress } from './progress';
import { startLocalStack } from './runtime/stack';
import { runScenario, type ScenarioSummary } from './scenario';
import { SCENARIO_STEPS } from './scenario-steps';

const printSummary = (s: ScenarioSummary, write: (line: string) => void): void => {
  const rows: [string, string | number][] = [
    ['GovWin opportunities (simulated)', s.opportunitiesInGovWin],
    ['opportunities synced to HubSpot', s.opportunitiesSynced],
    ['deals submitted from the card', s.dealsSubmitted],
    ['AWS opportunities (Partner Central sim)', s.awsOpportunities],
    ['AWS statuses mirrored to HubSpot', s.awsStatusesMirrored],
    ['alerts raised (SNS)', s.alertsRaised],
    ['messages in dead-letter queues', s.dlqDepth],
    ['GovWin API calls', s.externalCalls.govwin],
    ['HubSpot API calls', s.externalCalls.hubspot],
    ['Partner Central API calls', s.externalCalls.partnerCentral],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  write('\nsummary');
  for (const [k, v] of rows) write(`  ${k.padEnd(width)}  ${String(v).padStart(6)}`);
  const skipped = s.steps.filter((st) => st.status === 'skipped').length;
  if (skipped > 0) write(`  (${skipped} step(s) not run: see above)`);
};

const main = async (argv: readonly string[]): Promise<number> => {
  let args: ReturnType<typeof parseMainArgs>;
  try {
    args = parseMainArgs(argv);
  } catch (err) {
    process.stderr.write(`govwin-ace local: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.live) {
    const { runLive } = await import('./live');
    return runLive(args);
  }
  if (!args.dynalite && !hasJava()) {
    process.stderr.write(
      'govwin-ace local: java not found: DynamoDB Local needs Java 17 (apt-get install openjdk-17-jre-headless), or pass --dynalite\n'
    );
    return 2;
  }
  const logFile = '.local-runtime/lambda-logs.jsonl';
  const logs = captureLambdaLogs(logFile);
  const progress = makeProgress();
  progress.line(
    `govwin-ace local run (seed ${args.seed}, catalog Sandbox, fictional data; nothing leaves this machine)`
  );
  progress.start('starting DynamoDB Local, local AWS, simulators and handlers');
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  try {
    stack = await startLocalStack({
      seed: args.seed,
      opportunityCount: args.opportunities,
      ...(args.dynalite ? { preferDynalite: true } : {}),
      ...(args.apiPort !== undefined ? { apiPort: args.apiPort } : {}),
      warn: (m) => process.stderr.write(`warning: ${m}\n`),
    });
  } catch (err) {
    progress.done('failed', (err as Error).message.split('\n')[0] ?? 'failed');
    process.stderr.write(`govwin-ace local: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  progress.done('ok', `${stack.lambdas.size} handlers loaded, API at ${stack.apiUrl}`);
  try {
    const summary = await runScenario(stack, SCENARIO_STEPS, progress);
    if (args.json)
      process.stdout.write(
        `${JSON.stringify({ ...summary, logFile, logLines: logs.count() }, null, 2)}\n`
      );
    else {
      printSummary(summary, progress.line);
      progress.line(
        `  handler log lines (${logFile})`.padEnd(45) + String(logs.count()).padStart(6)
      );
    }
    if (args.serve) {
      progress.line(`\nserving (Ctrl-C to stop):`);
      progress.line(`  API (webhooks, card routes)  ${stack.apiUrl}`);
      progress.line(`  GovWin simulator             ${stack.govwin.baseUrl}`);
      progress.line(`  HubSpot simulator            ${stack.hubspot.url}`);
      progress.line(`  Partner Central simulator    ${stack.partnerCentral.endpoint}`);
      progress.line(`  local SQS/SNS/Secrets        ${stack.aws.url}`);
      progress.line(`  DynamoDB (${stack.dynamo.engine})    ${stack.dynamo.endpoint}`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
    return summary.steps.some((s) => s.status === 'failed') ? 1 : 0;
  } finally {
    await stack.stop();
    logs.restore();
  }
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`govwin-ace local: ${err.message.split('\n')[0]}\n`);
    process.exit(1);
  }
);
