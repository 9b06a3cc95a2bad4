import type { Encoders } from './encode-export';
import { encodeFlac } from './flac-encoder';
import { encodeMp3 } from './mp3-encoder';

/** The codecs as one object: imported directly in Node, bundled apart for the export worker. */
export const ENCODERS: Encoders = { flac: encodeFlac, mp3: encodeMp3 };
