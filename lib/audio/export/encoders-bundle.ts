/**
 * The entry of `public/engine/mixroom-encoders.js` (`npm run build:engine`): the FLAC and MP3
 * encoders for the export worker, apart from the engine bundle so that the AudioWorklet never
 * loads them. The worker loads it with `importScripts` and finds them on `mixroomEncoders`.
 */
import { ENCODERS } from './encoders';

(globalThis as unknown as { mixroomEncoders: typeof ENCODERS }).mixroomEncoders = ENCODERS;
