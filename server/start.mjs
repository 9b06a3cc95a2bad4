#!/usr/bin/env node
// `npm start`: build when no current build exists, then run the bundled server in this process.
// A build is current when its stamp matches a hash of every input of the build.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', 'build-stamp');
const INPUT_DIRS = ['app', 'server', 'db', 'lib', 'public'];
const INPUT_FILES = ['package-lock.json', 'package.json', 'next.config.mjs', 'tsconfig.json'];
const SKIP = /(\.test\.tsx?$|\.md$|^\.)/;

function* walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

export function sourceHash() {
  const hash = crypto.createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((d) => [...walk(path.join(root, d))]), ...INPUT_FILES.map((f) => path.join(root, f))];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const current = sourceHash();
const built =
  fs.existsSync(path.join(root, '.next', 'BUILD_ID')) &&
  fs.existsSync(path.join(root, 'dist', 'main.mjs')) &&
  fs.existsSync(stampFile) &&
  fs.readFileSync(stampFile, 'utf8').trim() === current;

if (!built) {
  process.stdout.write('mixroom: building (the sources changed since the last build, or there is none)...\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('mixroom: the build failed; see the output above.\n');
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stampFile, `${current}\n`);
}

await import(pathToFileURL(path.join(root, 'dist', 'main.mjs')).href);
