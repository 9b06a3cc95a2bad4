import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The blocks of a style sheet with their nesting: which selectors or at-rules open a block inside
 * another. Comments and strings are skipped.
 */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const stack: string[] = [];
  const nested: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const prelude = text.slice(start, i).split(/[;}]/).pop()!.trim();
      // A rule inside a rule (not inside @media, @supports, @container or @layer) is CSS nesting:
      // this sheet does not use it, so one is a rule left open above it.
      if (stack.length > 0 && !stack[stack.length - 1].startsWith('@') && !prelude.startsWith('@')) nested.push(`${stack[stack.length - 1]} { ${prelude} {`);
      stack.push(prelude);
      start = i + 1;
    } else if (ch === '}') {
      stack.pop();
      start = i + 1;
    } else if (ch === ';') {
      start = i + 1;
    }
  }
  if (stack.length > 0) nested.push(`unclosed: ${stack.join(' > ')}`);
  return nested;
}

describe('app/globals.css', () => {
  it('closes every rule: no rule sits inside another (a merge once left one open and swallowed the rules after it)', () => {
    const css = readFileSync(path.join(__dirname, 'globals.css'), 'utf8');
    expect(nestedRules(css)).toEqual([]);
  });

  it('the check finds a rule left open', () => {
    expect(nestedRules('.a { color: red;\n.b { color: blue; }\n}')).toEqual(['.a { .b {']);
    expect(nestedRules('@media (width > 1px) { .a { color: red; } }')).toEqual([]);
  });
});
