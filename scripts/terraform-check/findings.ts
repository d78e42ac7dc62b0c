// Findings are the checker's only output: one line each, with the check that produced it and where.

/** `error` fails the check; `info` is reported (e.g. a planned handler that is not written yet). */
export type Severity = 'error' | 'info';

export interface Finding {
  readonly severity: Severity;
  /** Stable check id, e.g. `parse`, `fmt`, `reference`, `module-argument`, `iam-intent`. */
  readonly check: string;
  /** File, block address or policy the finding is about (relative to the repo root). */
  readonly where: string;
  readonly message: string;
}

/** Collects findings; checks push, the caller reads. */
export class Findings {
  readonly list: Finding[] = [];

  error(check: string, where: string, message: string): void {
    this.list.push({ severity: 'error', check, where, message });
  }

  info(check: string, where: string, message: string): void {
    this.list.push({ severity: 'info', check, where, message });
  }

  get errors(): Finding[] {
    return this.list.filter((f) => f.severity === 'error');
  }
}

/** One line per finding, for the CLI and for test failure messages. */
export const formatFinding = (f: Finding): string =>
  `${f.severity === 'error' ? 'ERROR' : 'info '} [${f.check}] ${f.where}: ${f.message}`;
