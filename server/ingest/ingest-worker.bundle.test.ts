import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { chunk, fmt, intPcm, riff, save, sine } from './test-support/fixtures';

/**
 * The production layout: esbuild bundles the server (here a small entry that calls ingestFile,
 * standing in for server/main.ts) to dist/main.mjs and the worker to dist/ingest-worker.mjs, with
 * the same flags as `build:server`; plain `node` (no tsx) must find and run the bundled worker.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FLAGS = { bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'silent' } as const;

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-ingest-bundle-')));
afterAll(() => folder.remove());

describe('the bundled ingest worker', () => {
  it('runs from dist/ingest-worker.mjs next to the server bundle, under plain node', async () => {
    const dist = join(folder.path, 'dist');
    mkdirSync(dist);
    symlinkSync(join(ROOT, 'node_modules'), join(folder.path, 'node_modules'));
    const entry = join(folder.path, 'entry.ts');
    writeFileSync(
      entry,
      `import { ingestFile } from ${JSON.stringify(join(ROOT, 'server/ingest/ingest-file.ts'))};
       const [inputPath, outputDir] = process.argv.slice(2);
       ingestFile({ inputPath, outputDir }).then((r) => console.log(JSON.stringify(r.metadata)), (e) => { console.error(e); process.exit(1); });`,
    );
    await build({ ...FLAGS, entryPoints: [entry], outfile: join(dist, 'main.mjs') });
    await build({ ...FLAGS, entryPoints: [join(ROOT, 'server/ingest/ingest-worker.ts')], outfile: join(dist, 'ingest-worker.mjs') });

    const x = sine(4410, 440, 44100, 0.5);
    const input = save(folder.path, 'in.wav', riff([fmt({ channels: 1, sampleRate: 44100 }), chunk('data', intPcm([x], 16))]));
    const out = join(folder.path, 'out');
    mkdirSync(out);
    const run = spawnSync(process.execPath, [join(dist, 'main.mjs'), input, out], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'wav', sampleRate: 48000, frames: 4800, channels: 1 });
  });
});
