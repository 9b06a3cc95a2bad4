/**
 * Page side of the worklet row: the live playback path, i.e. the engine bundle
 * (`lib/audio/engine/engine-bundle.ts`) as ONE AudioWorkletNode in an OfflineAudioContext, fed
 * with the protocol's commands as the app feeds it (stems transferred, the mix, play at frame 0).
 */
import type { MixSnapshot } from '../../lib/doc/read-mix';
import { ENGINE_PROCESSOR_NAME, type WorkletCommand, type WorkletEvent } from '../../lib/audio/engine/protocol';
import { FRAMES, SAMPLE_RATE, rmsDb } from './mix-spec';
import { stemBuffers, type PageRun } from './native-graph';

/** Commands are acknowledged within milliseconds; the stems are ~370 MB, hence the margin. */
const ACK_TIMEOUT_MS = 60_000;

/** The last worklet render, kept for `workletOutput` (the comparison with Node is outside the timing). */
let last: AudioBuffer | null = null;

/** A command before `send` numbers it. */
type Unnumbered<C> = C extends unknown ? Omit<C, 'seq'> : never;

/**
 * One render through the worklet; only `startRendering()` is timed, as in the native row. The
 * stems are copies of the native row's PCM, since transferring detaches them.
 */
export async function renderWorklet(moduleUrl: string, snapshot: MixSnapshot): Promise<PageRun> {
  last = null;
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: FRAMES, sampleRate: SAMPLE_RATE });
  await ctx.audioWorklet.addModule(moduleUrl);
  const node = new AudioWorkletNode(ctx, ENGINE_PROCESSOR_NAME, { numberOfInputs: 0, numberOfOutputs: 2, outputChannelCount: [2, 2] });
  node.connect(ctx.destination);
  const acked = new Set<number>();
  const errors: string[] = [];
  node.port.onmessage = (e: MessageEvent<WorkletEvent>) => {
    if (e.data.type === 'ack') acked.add(e.data.seq);
    if (e.data.type === 'error') errors.push(e.data.message);
  };
  let seq = 0;
  const send = (cmd: Unnumbered<WorkletCommand>, transfer: Transferable[] = []) => {
    node.port.postMessage({ ...cmd, seq: ++seq }, transfer);
    return seq;
  };
  stemBuffers().forEach((buffer, k) => {
    const channels = [buffer.getChannelData(0).slice(), buffer.getChannelData(1).slice()];
    send({ type: 'stem', stemId: `s${k}`, channels }, channels.map((c) => c.buffer));
  });
  send({ type: 'mix', mix: snapshot });
  const play = send({ type: 'play', fromFrame: 0, atContextFrame: 0 });
  const deadline = performance.now() + ACK_TIMEOUT_MS;
  while (!acked.has(play) && errors.length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (errors.length > 0 || !acked.has(play)) throw new Error(`worklet did not take the commands: ${errors.join('; ') || 'no ack'}`);

  const start = performance.now();
  const rendered = await ctx.startRendering();
  const seconds = (performance.now() - start) / 1000;
  if (errors.length > 0) throw new Error(`worklet failed while rendering: ${errors.join('; ')}`);
  if (rendered.length !== FRAMES) throw new Error('unexpected worklet render length');
  node.port.onmessage = null;
  last = rendered;
  return { seconds, rmsDb: rmsDb(rendered.getChannelData(0), rendered.getChannelData(1)) };
}

/** Channel `channel` of the last worklet render as base64 of its float32 bytes (little-endian). */
export async function workletOutput(channel: number): Promise<string> {
  if (!last) throw new Error('no worklet render yet');
  const data = last.getChannelData(channel);
  const reader = new FileReader();
  const url = await new Promise<string>((resolve, reject) => {
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob([data]));
  });
  return url.slice(url.indexOf(',') + 1);
}
