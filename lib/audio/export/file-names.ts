/**
 * `name` as the base of a file name: without the characters file systems refuse (controls, path
 * separators, `:*?"<>|`), spaces collapsed, no leading dots, at most `maxChars`; `fallback` when
 * nothing is left.
 */
export function safeFileBase(name: string, fallback: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, maxChars).trim();
  return base || fallback;
}

/** The file of a track's stem: its place in the mix and its name ("01 Bass.wav"). */
export function stemFileName(index: number, trackName: string, extension: string): string {
  return `${String(index + 1).padStart(2, '0')} ${safeFileBase(trackName, 'track', 100)}.${extension}`;
}
