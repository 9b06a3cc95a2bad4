import type { MixSnapshot } from '../../doc/read-mix';
import type { ExportFormat } from '../export/encode-export';
import type { MonitorSettings } from '../monitor';
import type { QcItem } from '../quality-control';
import type { PitchCurve, PitchParams } from '../pitch-prepass';

/**
 * Messages between the page and the engine bundle (`public/engine/mixroom-engine.js`), which runs
 * as the AudioWorklet processor `ENGINE_PROCESSOR_NAME` (live playback) and as a Web Worker
 * (export). Plain structured-clone data; stem PCM is transferred, never copied.
 */

export const ENGINE_PROCESSOR_NAME = 'mixroom-engine';
/** Meter id of the master bus; its channels are `master:L` and `master:R`. */
export const MASTER_METER_ID = 'master';
/** The worklet posts a meter frame every this many frames while playing (about 23/s at 48 kHz). */
export const METER_INTERVAL_FRAMES = 2048;

/** A loop region on the timeline in frames, end exclusive. */
export interface LoopRegion {
  startFrame: number;
  endFrame: number;
}

/** Page -> worklet. Every command carries `seq`; the worklet answers `{type:'ack', seq}` once applied. */
export type WorkletCommand =
  | { type: 'stem'; seq: number; stemId: string; channels: Float32Array[] }
  | { type: 'deleteStem'; seq: number; stemId: string }
  | { type: 'mix'; seq: number; mix: MixSnapshot }
  /** Start playing timeline frame `fromFrame` at the first block at or after context frame `atContextFrame`. */
  | { type: 'play'; seq: number; fromFrame: number; atContextFrame: number }
  | { type: 'pause'; seq: number }
  /** Moves the playhead; playback, if on, continues from there. */
  | { type: 'seek'; seq: number; frame: number }
  | { type: 'loop'; seq: number; region: LoopRegion | null }
  /** The track whose output is copied to the worklet's second output (the spectrum view), or null. */
  | { type: 'tap'; seq: number; trackId: string | null }
  /**
   * The loudness normalisation gain while the mix has a target: the live estimate from the last
   * analysis (`ExportEvent` done's `normalizationGainDb`). Ramps over one quantum.
   */
  | { type: 'normalization'; seq: number; gainDb: number }
  /** What is heard (A/B, mono, side, swap, translation device, platform preview); never the document. */
  | { type: 'monitor'; seq: number; settings: MonitorSettings }
  /** The codec preview (the master's loop region through an encoder and back), heard with monitor source 'codec'. */
  | { type: 'preview'; seq: number; startFrame: number; channels: [Float32Array, Float32Array] | null }
  /** A reference track (at the project rate), heard with monitor source 'reference' (at `referenceGainDb`); null removes it. */
  | { type: 'reference'; seq: number; channels: [Float32Array, Float32Array] | null }
  /** Starts the loudness meters (integrated, range, true peak, the A/B matching) over. */
  | { type: 'resetLoudness'; seq: number };

/** The master's loudness since playback started (BS.1770), and its processors' gain reduction. */
export interface MasterLoudness {
  momentaryLufs: number;
  shortTermLufs: number;
  integratedLufs: number;
  truePeakDbtp: number;
  /** Loudness range (EBU Tech 3342) since the meters were reset. */
  loudnessRangeLu: number;
  /** Glue compressor and limiter gain change in dB (0 or negative). */
  compGr: number;
  limiterGr: number;
  /** The live engine's: integrated loudness of the mix before the master section (the A/B's other side). */
  mixIntegratedLufs?: number;
  /** The A/B matching gains in force (0 when matching is off). */
  matchGainsDb?: { master: number; mix: number };
  /** Phase correlation of the master since the previous frame (-1..1), null while silent. */
  correlation?: number | null;
  /** Goniometer points: interleaved L, R samples of the master, the latest of the frame. */
  scope?: Float32Array;
}

/** Peaks since the previous frame, linear (1 = 0 dBFS), after each strip's mute and solo. */
export interface MeterFrame {
  trackIds: string[];
  trackPeaks: Float32Array;
  /** Compressor gain change in dB (0 or negative) per track. */
  trackGr: Float32Array;
  masterPeaks: Float32Array;
  /** The same for the buses (after their fader, pan, mute and solo). */
  busIds: string[];
  busPeaks: Float32Array;
  busGr: Float32Array;
  /** With metering: the master's loudness meter (-Infinity LUFS before the first 400 ms). */
  masterLoudness?: MasterLoudness;
}

/** Worklet -> page. */
export type WorkletEvent =
  | { type: 'ack'; seq: number }
  /** The timeline frame at the start of the current block, whether playing, and the meters. */
  | { type: 'position'; frame: number; playing: boolean; meters: MeterFrame | null }
  | { type: 'error'; message: string };

/**
 * Page -> export worker: correct one stem's pitch ahead (SPEC L18). The worker fetches the stem and
 * answers `pitched` with the corrected copy, for the page to hand to the worklet under `stemId`
 * (`pitchStemId`).
 */
export interface PitchCommand {
  type: 'pitch';
  /** The id of the corrected copy. */
  stemId: string;
  audioUrl: string;
  sampleRate: number;
  params: PitchParams;
}

/**
 * Page -> export worker: a codec round trip for the codec preview. The worker encodes the PCM
 * (dithered to 16 bits, as an MP3 export is) and answers with the file (`CodecEvent`).
 */
export interface CodecCommand {
  type: 'codec';
  channels: [Float32Array, Float32Array];
  sampleRate: number;
  /** MP3 bit rate in kbit/s. */
  bitrate: number;
}

/** Export worker -> page: the encoded file of a `CodecCommand` (transferred). */
export type CodecEvent = { type: 'codec-done'; bytes: ArrayBuffer } | { type: 'error'; message: string };

/** Page -> export worker. Stems are fetched by the worker itself (same origin, with the session cookie). */
export type ExportCommand = PitchCommand | RenderCommand;

export type RenderCommand = {
  type: 'render';
  mix: MixSnapshot;
  stems: Array<{ id: string; audioUrl: string }>;
  /** Progress messages about this often, in rendered audio seconds. */
  progressEverySec?: number;
  /** @default 'wav24' */
  format?: ExportFormat;
  /** MP3 bit rate in kbit/s. @default 320 */
  bitrate?: number;
  /** Render the master section (and its target) rather than the mix. @default false */
  master?: boolean;
  /** Render only this track through its strip, post-fader (stem delivery). */
  trackId?: string;
  /**
   * Render every track's stem (as `mixroom render --stems`) and answer `stems-done` with them in
   * one zip, rather than `done`. `master` and `trackId` are ignored. @default false
   */
  stemFiles?: boolean;
};

/** One file of a stems zip: its name in the zip and what the export worker knows of it. */
export interface StemFileInfo {
  fileName: string;
  trackId: string;
  trackName: string;
  frames: number;
  /** SHA-256 written into the file (with its track id among the options). */
  provenance: string;
}

/** Export worker -> page. */
export type ExportEvent =
  /** `fraction` of the phase (0..1); `detail` says which part, when there are several (the stem being rendered). */
  | { type: 'progress'; phase: 'fetching' | 'rendering'; fraction: number; detail?: string }
  /**
   * The finished file; `bytes` is transferred. `provenance` is the SHA-256 written into it;
   * `normalizationGainDb` (masters) is the live estimate to send the worklet.
   */
  | {
      type: 'done';
      bytes: ArrayBuffer;
      frames: number;
      sampleRate: number;
      mimeType: string;
      provenance: string;
      integratedLufs: number;
      truePeakDbtp: number;
      normalizationGainDb: number | null;
      /** The quality report of the render (lib/audio quality-control). */
      qc: QcItem[];
    }
  /** The stems of a `stems` render: one zip (`bytes`, transferred) holding a file per track. */
  | { type: 'stems-done'; bytes: ArrayBuffer; mimeType: 'application/zip'; sampleRate: number; files: StemFileInfo[] }
  | { type: 'error'; message: string }
  /** How far a `pitch` command is: fetching the stem, then correcting it (0..1). */
  | { type: 'pitch-progress'; phase: 'fetching' | 'correcting'; fraction: number }
  /** The corrected copy of a `pitch` command; the channels are transferred. */
  | { type: 'pitched'; stemId: string; channels: Float32Array[]; curve: PitchCurve };
