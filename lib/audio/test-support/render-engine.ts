/** Renders a MixEngine in blocks for tests. Test-only. */
import { MixEngine } from '../mix-engine';
import type { MixSnapshot } from '../../doc';

export const RATE = 48000;

export function renderEngine(engine: MixEngine, frames: number, startFrame = 0, chunk = 128): [Float32Array, Float32Array] {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let done = 0; done < frames; done += chunk) {
    const n = Math.min(chunk, frames - done);
    engine.process(startFrame + done, n, left.subarray(done, done + n), right.subarray(done, done + n));
  }
  return [left, right];
}

export function engineFor(snapshot: MixSnapshot, stems: Record<string, Float32Array[]>, sampleRate = RATE): MixEngine {
  const engine = new MixEngine({ sampleRate });
  for (const [id, pcm] of Object.entries(stems)) engine.setStem(id, pcm);
  engine.setMix(snapshot);
  return engine;
}

/** A constant signal: makes gains and ramps directly readable from the output. */
export function dc(frames: number, value: number): Float32Array {
  return new Float32Array(frames).fill(value);
}

export function maxStep(x: Float32Array, from = 1, to = x.length): number {
  let max = 0;
  for (let n = Math.max(1, from); n < to; n++) max = Math.max(max, Math.abs(x[n] - x[n - 1]));
  return max;
}
