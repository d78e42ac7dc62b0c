import type { Catalog } from '@govwin-ace/shared-core';

/** Parsed flags of the main command. */
export interface MainArgs {
  serve: boolean;
  live: boolean;
  catalog: Catalog | undefined;
  seed: number;
  opportunities: number;
  apiPort: number | undefined;
  yes: boolean;
  json: boolean;
  dynalite: boolean;
  help: boolean;
}

export const USAGE = `usage: pnpm start [-- options]

Runs the whole govwin-ace pipeline on this machine against local simulators of GovWin, HubSpot and
AWS Partner Central, prints its progress and a summary, and exits 0 when every available step worked.

options:
  --serve               keep the API and the simulators running and print their URLs (Ctrl-C stops)
  --live                use the real GovWin, HubSpot and Partner Central endpoints with credentials from
                        the environment (see docs/local-runtime.md); says what it will touch first
  --catalog <Sandbox|AWS>  Partner Central catalog (default Sandbox; AWS only with --live and explicitly)
  --seed <n>            seed of the fictional sample data (default 1)
  --opportunities <n>   GovWin opportunities to simulate (default 12, at most 5000)
  --api-port <port>     port of the local HTTP API (default: a free one)
  --yes                 with --live: do not ask for confirmation (required when there is no terminal)
  --json                print the summary as JSON
  --dynalite            use dynalite instead of DynamoDB Local (no Java needed; no transactions, so the ACE
                        steps fail: for trying the sync only)
  -h, --help            this text

example:
  pnpm start -- --serve --seed 7
  pnpm start -- --live            (prints what it will touch, then asks)`;

/** Parses argv (without node and script); throws an Error with a one-line message on bad input. */
export const parseMainArgs = (argv: readonly string[]): MainArgs => {
  const args: MainArgs = {
    serve: false,
    live: false,
    catalog: undefined,
    seed: 1,
    opportunities: 12,
    apiPort: undefined,
    yes: false,
    json: false,
    dynalite: false,
    help: false,
  };
  const value = (flag: string, i: number): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const int = (flag: string, raw: string, min: number, max: number): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw new Error(`${flag} must be an integer ${min}..${max}`);
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    switch (a) {
      case '--':
        break;
      case '--serve':
        args.serve = true;
        break;
      case '--live':
        args.live = true;
        break;
      case '--yes':
        args.yes = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--dynalite':
        args.dynalite = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--catalog': {
        const c = value(a, i);
        if (c !== 'Sandbox' && c !== 'AWS') throw new Error('--catalog must be Sandbox or AWS');
        args.catalog = c;
        i += 1;
        break;
      }
      case '--seed':
        args.seed = int(a, value(a, i), 0, 2 ** 31 - 1);
        i += 1;
        break;
      case '--opportunities':
        args.opportunities = int(a, value(a, i), 1, 5000);
        i += 1;
        break;
      case '--api-port':
        args.apiPort = int(a, value(a, i), 1, 65535);
        i += 1;
        break;
      default:
        throw new Error(
          `unknown option ${a.length > 40 ? `${a.slice(0, 40)}...` : a} (see --help)`
        );
    }
  }
  if (args.catalog === 'AWS' && !args.live) {
    throw new Error(
      '--catalog AWS is only meaningful with --live (the simulator run is always safe)'
    );
  }
  return args;
};
