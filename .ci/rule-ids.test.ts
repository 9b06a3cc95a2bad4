import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
/** Where rules are defined, as `- **ID** text`. */
const SPEC_FILES = ['lib/doc/SPEC.md', 'server/sync/PROTOCOL.md'];
const TEST_DIRS = ['app', 'server', 'lib', 'db', 'e2e', '.ci'];

function files(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files(full, out);
    } else if (/\.(test|spec)\.tsx?$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Rule ids a test name cites at its start: `G3: ...`, `G6, P1-P3: ...`. */
export function citedIds(title: string): string[] {
  const head = /^((?:[A-Z]\d+(?:-[A-Z]?\d+)?)(?:, ?[A-Z]\d+(?:-[A-Z]?\d+)?)*): /.exec(title);
  if (!head) return [];
  return head[1].split(/, ?/).flatMap((part) => {
    const range = /^([A-Z])(\d+)-[A-Z]?(\d+)$/.exec(part);
    if (!range) return [part];
    const [, letter, from, to] = range;
    return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => `${letter}${Number(from) + i}`);
  });
}

function definitions(): Map<string, string[]> {
  const defined = new Map<string, string[]>();
  for (const file of SPEC_FILES) {
    for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/^\s*- \*\*([A-Z]\d+)\*\*/gm)) {
      defined.set(m[1], [...(defined.get(m[1]) ?? []), file]);
    }
  }
  return defined;
}

describe('rule ids', () => {
  it('reads ids and ranges at the start of a test name', () => {
    expect(citedIds('G6, P1-P3: permitted edits')).toEqual(['G6', 'P1', 'P2', 'P3']);
    expect(citedIds('G1-G4: many')).toEqual(['G1', 'G2', 'G3', 'G4']);
    expect(citedIds('plays the demo: meters move')).toEqual([]);
  });

  it('every rule id a test cites is defined once, in SPEC.md or PROTOCOL.md', () => {
    const defined = definitions();
    const twice = [...defined].filter(([, where]) => where.length > 1).map(([id, where]) => `${id} in ${where.join(' and ')}`);
    expect(twice).toEqual([]);
    const undefinedIds: string[] = [];
    let citations = 0;
    for (const file of TEST_DIRS.flatMap((d) => files(path.join(root, d)))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:it|test|describe)\(\s*(['"`])((?:(?!\1).)*)\1/g)) {
        for (const id of citedIds(m[2])) {
          citations++;
          if (!defined.has(id)) undefinedIds.push(`${id} (${path.relative(root, file)}: ${m[2].slice(0, 60)})`);
        }
      }
    }
    expect(undefinedIds).toEqual([]);
    // The scan itself works: the suites cite well over a hundred rules.
    expect(citations).toBeGreaterThan(100);
  });
});
