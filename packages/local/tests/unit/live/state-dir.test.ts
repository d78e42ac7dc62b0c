import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { LiveConfigError } from '../../../src/live/live-config';
import { lockStateDir, statePaths } from '../../../src/live/state-dir';

describe('lockStateDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'live-state-')), 'state');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('creates the directory and the DynamoDB folder, and holds the lock until released', () => {
    const lock = lockStateDir(dir, { pid: 4242 });
    expect(existsSync(statePaths(dir).dynamodb)).toBe(true);
    expect(readFileSync(statePaths(dir).lock, 'utf8')).toBe('4242');
    lock.release();
    lock.release();
    expect(existsSync(statePaths(dir).lock)).toBe(false);
  });

  it('refuses a second run while the first one is alive', () => {
    const first = lockStateDir(dir, { pid: 100 });
    expect(() => lockStateDir(dir, { pid: 200, isAlive: (pid) => pid === 100 })).toThrow(
      new LiveConfigError(
        `another --live run (pid 100) is using ${dir}; wait for it or set GOVWIN_ACE_LOCAL_DIR`
      )
    );
    first.release();
    expect(() => lockStateDir(dir, { pid: 200 }).release()).not.toThrow();
  });

  it('takes over a lock whose process has gone, or that holds no pid', () => {
    lockStateDir(dir, { pid: 100 });
    const second = lockStateDir(dir, { pid: 200, isAlive: () => false });
    expect(readFileSync(statePaths(dir).lock, 'utf8')).toBe('200');
    second.release();
    writeFileSync(statePaths(dir).lock, 'garbage');
    lockStateDir(dir, { pid: 300, isAlive: () => true }).release();
    expect(existsSync(statePaths(dir).lock)).toBe(false);
  });

  it('does not remove a lock another run took over meanwhile', () => {
    const stale = lockStateDir(dir, { pid: 100 });
    lockStateDir(dir, { pid: 200, isAlive: () => false });
    stale.release();
    expect(readFileSync(statePaths(dir).lock, 'utf8')).toBe('200');
  });

  it('reports a directory it cannot create in one line', () => {
    const file = join(dir, '..', 'a-file');
    writeFileSync(file, '');
    expect(() => lockStateDir(join(file, 'state'))).toThrow(
      /^cannot create the state directory .* \(ENOTDIR\)$/
    );
  });
});
