import fs from 'node:fs';
import path from 'node:path';

/**
 * What every PostgreSQL data folder holds (PGlite's too). Without them PGlite would initialise a
 * new, empty cluster over what is left, and every project would be gone while the server looked
 * healthy; so a folder that has some files but not these is refused instead.
 */
const REQUIRED = ['PG_VERSION', 'global/pg_control', 'base', 'pg_wal', 'pg_xact'] as const;

export class DataDirDamagedError extends Error {
  constructor(
    readonly dir: string,
    readonly missing: readonly string[],
  ) {
    super(
      `The database folder ${dir} exists but is not a complete PGlite database: ${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing. Nothing was changed. Restore the folder from a ` +
        'backup, or move it away to start with an empty database.',
    );
    this.name = 'DataDirDamagedError';
  }
}

/**
 * Refuses a PGlite folder that exists, is not empty and lacks what a database needs. A missing or
 * empty folder is fine: PGlite initialises it.
 */
export function checkPgliteDir(dir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (entries.length === 0) return;
  const missing = REQUIRED.filter((entry) => !fs.existsSync(path.join(dir, entry)));
  if (missing.length > 0) throw new DataDirDamagedError(dir, missing);
}
