/**
 * The page bundle (esbuild, IIFE, global `mixroomBench`): the native Web Audio graph, our engine
 * (lib/audio, the same code as in Node) on the page's thread and the engine bundle as an
 * AudioWorklet, rendering the same mix from the same stems.
 */
import type { MixSnapshot } from '../../lib/doc/read-mix';
import { renderMix } from '../../lib/audio';
import { LoudnessMeter } from '../../lib/dsp';
import { FRAMES, SAMPLE_RATE, TRACKS, rmsDb } from './mix-spec';
import { stemBuffers, type PageRun } from './native-graph';

export { renderNative } from './native-graph';
export { renderWorklet, workletOutput } from './worklet-render';

/** The worklet row needs a secure context (`audioWorklet` exists only there). */
export function hasAudioWorklet(): boolean {
  return window.isSecureContext && 'audioWorklet' in OfflineAudioContext.prototype;
}

/** Generates the stems outside any timed section. */
export function prepare(): void {
  stemBuffers();
}

/** One `renderMix` of `snapshot` with its master section, then the loudness meter over it, in the page; the stems are the native row's AudioBuffer data. */
export function renderEngine(snapshot: MixSnapshot): PageRun {
  const stems = new Map<string, Float32Array[]>();
  stemBuffers().forEach((b, k) => stems.set(`s${k}`, [b.getChannelData(0), b.getChannelData(1)]));
  if (stems.size !== TRACKS) throw new Error('missing stems');
  const start = performance.now();
  const { left, right } = renderMix({ snapshot, stems, sampleRate: SAMPLE_RATE, master: 'full' });
  new LoudnessMeter({ sampleRate: SAMPLE_RATE }).process([left, right], left.length);
  const seconds = (performance.now() - start) / 1000;
  if (left.length !== FRAMES) throw new Error('unexpected engine render length');
  return { seconds, rmsDb: rmsDb(left, right) };
}
