import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

/** Runs the project's lint config over a throwaway tree; resolves with the exit code and output. */
async function lint(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(depcruise, ['--config', '.dependency-cruiser.cjs', 'app', 'server', 'db', 'lib'], { cwd: dir });
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: `${e.stdout}${e.stderr}` };
  }
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

describe('the import-direction lint', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-lint-'));
    fs.copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    write(dir, 'tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }));
    write(dir, 'server/sync/room.ts', 'export const room = 1;\n');
    write(dir, 'db/schema.ts', 'export const t = 1;\n');
    write(dir, 'lib/doc/model.ts', 'export const m = 1;\n');
    write(dir, 'lib/dsp/gain.ts', 'export const g = 1;\n');
    write(dir, 'app/page.tsx', "import { m } from '../lib/doc/model';\nexport default m;\n");
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes a tree whose imports point down', async () => {
    const result = await lint(dir);
    expect(result.output).toContain('no dependency violations');
    expect(result.code).toBe(0);
  });

  it('fails when lib imports server, lib/dsp imports lib/doc, or app imports server/sync', async () => {
    write(dir, 'lib/bad.ts', "import { room } from '../server/sync/room';\nexport const bad = room;\n");
    write(dir, 'lib/dsp/bad.ts', "import { m } from '../doc/model';\nexport const bad = m;\n");
    write(dir, 'app/bad.tsx', "import { room } from '../server/sync/room';\nexport const bad = room;\n");
    write(dir, 'db/bad.ts', "import { room } from '../server/sync/room';\nexport const bad = room;\n");
    const result = await lint(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('lib-is-framework-free');
    expect(result.output).toContain('dsp-imports-nothing');
    expect(result.output).toContain('app-not-to-sync');
    expect(result.output).toContain('db-below-server');
  });
});
