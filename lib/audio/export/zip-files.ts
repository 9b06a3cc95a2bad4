import { zipSync, type Zippable } from 'fflate';

/**
 * The files in one zip, stored as they are (level 0): encoded audio does not shrink, and storing
 * takes a CRC pass only. Names must be unique.
 */
export function zipFiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    if (file.name in entries) throw new Error(`two files named ${file.name}`);
    entries[file.name] = [file.bytes, { level: 0 }];
  }
  return zipSync(entries);
}
