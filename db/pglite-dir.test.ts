import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPgliteDir, DataDirDamagedError } from './pglite-dir';

const dirs: string[] = [];
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-pgdir-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The entries of a PostgreSQL data folder that the check looks for. */
function complete(dir: string): void {
  for (const sub of ['base', 'global', 'pg_wal', 'pg_xact']) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(dir, 'global', 'pg_control'), '');
}

describe('the PGlite folder check', () => {
  it('accepts a missing, an empty and a complete folder', () => {
    const dir = tmp();
    expect(() => checkPgliteDir(path.join(dir, 'absent'))).not.toThrow();
    expect(() => checkPgliteDir(dir)).not.toThrow();
    complete(dir);
    expect(() => checkPgliteDir(dir)).not.toThrow();
  });

  it('refuses a folder that lost PG_VERSION or its control file, naming what is missing', () => {
    const dir = tmp();
    complete(dir);
    fs.rmSync(path.join(dir, 'PG_VERSION'));
    fs.rmSync(path.join(dir, 'global', 'pg_control'));
    let error: unknown;
    try {
      checkPgliteDir(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataDirDamagedError);
    expect((error as DataDirDamagedError).missing).toEqual(['PG_VERSION', 'global/pg_control']);
    expect((error as Error).message).toContain(dir);
  });

  it('refuses a folder holding something else altogether', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a database');
    expect(() => checkPgliteDir(dir)).toThrow(/PG_VERSION, global\/pg_control, base, pg_wal, pg_xact are missing/);
  });
});
