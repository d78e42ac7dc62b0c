// Flags of `pnpm soak` (scripts/soak.ts) and their validation: every bad flag gets a one-line error.

/** How long Lambdas may run and how long a crashed message stays invisible. */
export type TimeoutProfile = 'production' | 'short';

/** Everything one soak run is parameterised by. */
export interface SoakOptions {
  /** GovWin opportunities the simulator holds (default 1,000). */
  opportunities: number;
  /** Deals a rep submits from the card (default 200). */
  submissions: number;
  /** Probability that an external call or delivery is faulted (default 0.2). */
  faultRate: number;
  /** Probability that a Lambda invocation is armed to crash mid-way (default 0.05). */
  killRate: number;
  seed: number;
  /** AWS referrals sent to the partner during the run (default submissions / 10, at least 1). */
  invitations: number;
  /** Share of submitted deals a rep edits while AWS reviews them (default 0.5). */
  editShare: number;
  /** Deals moved to the trigger stage by hand without the ACE fields: invalid by design (default submissions / 40, at least 1). */
  invalidSubmissions: number;
  /** `production`: the Terraform Lambda timeouts; `short`: compressed for the test suite. */
  timeouts: TimeoutProfile;
  /** Watchdog for the whole run, in minutes (default 120). */
  maxMinutes: number;
  /** Where the captured handler output goes (default .local-runtime/soak-<seed>.log). */
  logFile: string | undefined;
  json: boolean;
  help: boolean;
}

export const SOAK_USAGE = `usage: pnpm soak [flags]

Runs the whole pipeline on the local runtime under injected faults and handler crashes, then checks
that nothing was lost, duplicated, left divergent or leaked. Exit 0 only when every check is zero.

  --opportunities N      GovWin opportunities (default 1000)
  --submissions N        deals submitted from the card (default 200)
  --fault-rate R         probability a call or delivery is faulted, 0..1 (default 0.2)
  --kill-rate R          probability an invocation crashes mid-way, 0..1 (default 0.05)
  --seed N               seed of every random choice and fault (default 1)
  --invitations N        AWS referrals sent during the run (default submissions/10)
  --edit-share R         share of submitted deals edited during review, 0..1 (default 0.5)
  --invalid N            deals moved to the trigger stage without ACE fields (default submissions/40)
  --timeouts P           production (Terraform timeouts) or short (default production)
  --max-minutes N        give up after this long (default 120)
  --log-file PATH        captured handler output (default .local-runtime/soak-<seed>.log)
  --json                 print the report as JSON
  -h, --help             this text`;

const integer = (flag: string, raw: string, min: number, max: number): number => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new RangeError(`${flag} must be an integer in ${min}..${max}`);
  return n;
};

const rate = (flag: string, raw: string): number => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new RangeError(`${flag} must be a number in 0..1`);
  return n;
};

const VALUE_FLAGS = new Set([
  '--opportunities',
  '--submissions',
  '--fault-rate',
  '--kill-rate',
  '--seed',
  '--invitations',
  '--edit-share',
  '--invalid',
  '--timeouts',
  '--max-minutes',
  '--log-file',
]);

/**
 * Parses the soak's flags (`--flag value` or `--flag=value`); throws a one-line error on a bad flag.
 * @example parseSoakArgs(['--seed', '7', '--opportunities=100'])
 */
export const parseSoakArgs = (argv: readonly string[]): SoakOptions => {
  const given = new Map<string, string>();
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else {
      const eq = arg.indexOf('=');
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      if (!VALUE_FLAGS.has(flag)) throw new TypeError(`unknown flag ${flag} (see --help)`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new TypeError(`${flag} needs a value`);
      given.set(flag, value);
    }
  }
  const get = (flag: string) => given.get(flag);
  const submissions = get('--submissions')
    ? integer('--submissions', get('--submissions') as string, 0, 10_000)
    : 200;
  const opportunities = get('--opportunities')
    ? integer('--opportunities', get('--opportunities') as string, 1, 100_000)
    : 1000;
  const timeouts = get('--timeouts') ?? 'production';
  if (timeouts !== 'production' && timeouts !== 'short')
    throw new RangeError('--timeouts must be production or short');
  const options: SoakOptions = {
    opportunities,
    submissions,
    faultRate: get('--fault-rate') ? rate('--fault-rate', get('--fault-rate') as string) : 0.2,
    killRate: get('--kill-rate') ? rate('--kill-rate', get('--kill-rate') as string) : 0.05,
    seed: get('--seed') ? integer('--seed', get('--seed') as string, 0, 2 ** 31 - 1) : 1,
    invitations: get('--invitations')
      ? integer('--invitations', get('--invitations') as string, 0, 1000)
      : Math.max(1, Math.round(submissions / 10)),
    editShare: get('--edit-share') ? rate('--edit-share', get('--edit-share') as string) : 0.5,
    invalidSubmissions: get('--invalid')
      ? integer('--invalid', get('--invalid') as string, 0, 1000)
      : Math.max(1, Math.round(submissions / 40)),
    timeouts,
    maxMinutes: get('--max-minutes')
      ? integer('--max-minutes', get('--max-minutes') as string, 1, 24 * 60)
      : 120,
    logFile: get('--log-file'),
    json,
    help,
  };
  if (options.submissions + options.invalidSubmissions > options.opportunities)
    throw new RangeError('--submissions plus --invalid must not exceed --opportunities');
  return options;
};
