/** A piece of a comment as it is shown: plain text, or a link the user may follow. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * Candidates start with http:// or https:// and run to the next white space or a character that
 * never belongs to a URL in prose. Anything else (`javascript:`, `data:`, `www.` without a scheme)
 * stays text: only these two schemes become links.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_:/])https?:\/\/[^\s<>"`]+/giu;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?'’”)\]}]+$/u;

/** Drops trailing punctuation, but keeps a closing bracket the URL itself opened (Wikipedia links). */
function trimTrailing(candidate: string): string {
  let text = candidate;
  for (;;) {
    const match = TRAILING.exec(text);
    if (!match) return text;
    const last = text[text.length - 1];
    const open = { ')': '(', ']': '[', '}': '{' }[last];
    if (open && text.split(open).length > text.split(last).length - 1) return text;
    text = text.slice(0, -1);
  }
}

/** The URL a candidate may link to, or null: parsed, and http(s) with a host only. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}

/**
 * Splits comment text into text and links, for rendering as React text nodes and `<a>` elements
 * (never as HTML). Only `http:` and `https:` URLs become links; adjacent text parts are merged.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pushText = (t: string) => {
    if (t === '') return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  let from = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = trimTrailing(match[0]);
    const href = safeHref(raw);
    if (!href) continue;
    pushText(text.slice(from, match.index));
    parts.push({ kind: 'link', text: raw, href });
    from = match.index + raw.length;
  }
  pushText(text.slice(from));
  return parts;
}
