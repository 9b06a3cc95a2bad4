#!/usr/bin/env node
// `npm start`: build when no current build exists (see build-stamp.mjs), then run the bundled
// server in this process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildIsCurrent } from './build-stamp.mjs';

if (!buildIsCurrent()) {
  process.stdout.write('mixroom: building (the sources changed since the last build, or there is none)...\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('mixroom: the build failed; see the output above.\n');
    process.exit(result.status ?? 1);
  }
}

await import(pathToFileURL(path.join(ROOT, 'dist', 'main.mjs')).href);
