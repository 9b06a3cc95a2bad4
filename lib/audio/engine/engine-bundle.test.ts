import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('the engine bundle', () => {
  it('holds none of Yjs, lib0 or zod: the AudioWorklet scope has no crypto, and lib0 needs it at load', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'lib/audio/engine/engine-bundle.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.filter((f) => /node_modules\/(yjs|lib0|zod)\//.test(f))).toEqual([]);
  });
});
