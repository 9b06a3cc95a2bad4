#!/usr/bin/env node
// The build stamp: a hash of every input of `npm run build`, written into dist/ after a build, so
// that `npm start` can tell whether the build on disk is current. Run directly, it writes the stamp.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP_FILE = path.join(ROOT, 'dist', 'build-stamp');
const INPUT_DIRS = ['app', 'server', 'db', 'lib', 'public'];
const INPUT_FILES = ['package-lock.json', 'package.json', 'next.config.mjs', 'tsconfig.json'];
const SKIP = /(\.test\.tsx?$|\.md$|^\.)/;
/** Build outputs inside an input folder. */
const OUTPUT_DIRS = new Set([path.join(ROOT, 'public', 'engine')]);

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
    if (OUTPUT_DIRS.has(full)) continue;
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

export function sourceHash() {
  const hash = crypto.createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((d) => [...walk(path.join(ROOT, d))]), ...INPUT_FILES.map((f) => path.join(ROOT, f))];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when .next and dist hold a build of exactly the current sources. */
export function buildIsCurrent() {
  return (
    fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) &&
    fs.existsSync(path.join(ROOT, 'dist', 'main.mjs')) &&
    fs.existsSync(STAMP_FILE) &&
    fs.readFileSync(STAMP_FILE, 'utf8').trim() === sourceHash()
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(STAMP_FILE), { recursive: true });
  fs.writeFileSync(STAMP_FILE, `${sourceHash()}\n`);
}
