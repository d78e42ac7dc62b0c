// The live run's state directory: DynamoDB Local's files (ClientTokens, submission steps, watermarks), the
// handlers' log file, and a lock so two live runs never share one database (DynamoDB Local would refuse,
// or worse, two runs would race on the same deals).
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LiveConfigError } from './live-config';

/** Paths inside a state directory. */
export const statePaths = (dir: string) => ({
  dynamodb: join(dir, 'dynamodb'),
  lock: join(dir, 'live.lock'),
  log: join(dir, 'live-lambda-logs.jsonl'),
});

/** A held lock; `release` is safe to call more than once. */
export interface StateDirLock {
  release: () => void;
}

const defaultIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const tryCreate = (path: string, pid: number): boolean => {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, String(pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
};

const holderOf = (path: string): number | undefined => {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Creates the state directory and takes its lock. A lock left by a process that no longer runs is taken
 * over; one held by a running process is refused with a one-line LiveConfigError.
 * @example const lock = lockStateDir(config.stateDir); try { ... } finally { lock.release(); }
 */
export const lockStateDir = (
  dir: string,
  options: { pid?: number; isAlive?: (pid: number) => boolean } = {}
): StateDirLock => {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? defaultIsAlive;
  const paths = statePaths(dir);
  try {
    mkdirSync(paths.dynamodb, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new LiveConfigError(
      `cannot create the state directory ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`
    );
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreate(paths.lock, pid)) {
      let held = true;
      return {
        release: () => {
          if (!held) return;
          held = false;
          if (holderOf(paths.lock) === pid) unlinkSync(paths.lock);
        },
      };
    }
    const holder = holderOf(paths.lock);
    if (holder !== undefined && holder !== pid && isAlive(holder))
      throw new LiveConfigError(
        `another --live run (pid ${holder}) is using ${dir}; wait for it or set GOVWIN_ACE_LOCAL_DIR`
      );
    try {
      unlinkSync(paths.lock);
    } catch {
      // Someone else removed it first; the next attempt decides.
    }
  }
  throw new LiveConfigError(`cannot lock ${dir}: another --live run is starting there`);
};
