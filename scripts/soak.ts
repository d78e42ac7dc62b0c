// Purpose: the fault soak (issue 10): the whole pipeline on the local runtime with injected faults and
//          handler crashes, then checks that nothing was lost, duplicated, divergent, dead-lettered or leaked.
// Usage:   pnpm soak [--opportunities N] [--submissions N] [--fault-rate R] [--kill-rate R] [--seed N] [--json]
//          (pnpm soak --help lists every flag). Full default: 1,000 opportunities, 200 submissions.
// Inputs:  none; starts DynamoDB Local, local AWS and the three simulators on loopback.
// Output:  progress on stderr, then the report (text, or JSON with --json) on stdout. Handler output goes
//          to .local-runtime/soak-<seed>.log.
// Exit:    0 every check ran and is zero; 1 a check failed or could not run; 2 bad flags or the stack
//          could not start.
import { parseSoakArgs, SOAK_USAGE } from '../packages/local/src/soak/soak-options';
import { formatSoakReport } from '../packages/local/src/soak/soak-report';
import { runSoak } from '../packages/local/src/soak/soak-run';

const main = async (argv: readonly string[]): Promise<number> => {
  let options: ReturnType<typeof parseSoakArgs>;
  try {
    options = parseSoakArgs(argv);
  } catch (err) {
    process.stderr.write(`soak: ${(err as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${SOAK_USAGE}\n`);
    return 0;
  }
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  let report: Awaited<ReturnType<typeof runSoak>>;
  try {
    report = await runSoak(options, {
      progress: (line) => void stderr(`${line}\n`),
    });
  } catch (err) {
    stderr(`soak: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSoakReport(report)}\n`);
  return report.passed ? 0 : 1;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`soak: ${err.message.split('\n')[0]}\n`);
    process.exit(1);
  }
);
