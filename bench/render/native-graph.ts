/**
 * Page side: the benchmark mix as a native Web Audio graph in an OfflineAudioContext. Per track:
 * AudioBufferSourceNode -> BiquadFilterNode highpass -> lowshelf -> peaking -> peaking ->
 * highshelf -> DynamicsCompressorNode -> GainNode (fader) -> StereoPannerNode -> destination,
 * and from the panner two GainNodes (post-fader sends) into the buses. Reverb bus: a
 * ConvolverNode with a generated stereo impulse response (seeded noise, exponential decay with
 * RT60 = REVERB.decaySec, as long as that RT60, scaled to unit energy, normalization off). Delay
 * bus: DelayNode -> lowpass BiquadFilterNode -> destination, and lowpass -> feedback GainNode ->
 * DelayNode. Everything goes through the master: two shelves, a DynamicsCompressorNode and a
 * second one as a limiter stand-in. Plain parameter values only.
 */
import { DELAY, FRAMES, MASTER, REVERB, SAMPLE_RATE, STRIP, TRACKS, dbToGain, rmsDb, stemChannel, stemSeeds, trackPan } from './mix-spec';

/** The stems, generated once per page (the engine row in the same page reads the same PCM). */
let stems: AudioBuffer[] | null = null;
export function stemBuffers(): AudioBuffer[] {
  stems ??= Array.from({ length: TRACKS }, (_, k) => {
    const buffer = new AudioBuffer({ numberOfChannels: 2, length: FRAMES, sampleRate: SAMPLE_RATE });
    stemSeeds(k).forEach((seed, c) => stemChannel(FRAMES, seed, buffer.getChannelData(c)));
    return buffer;
  });
  return stems;
}

function impulseResponse(ctx: BaseAudioContext): AudioBuffer {
  const length = Math.round(REVERB.decaySec * SAMPLE_RATE);
  const ir = ctx.createBuffer(2, length, SAMPLE_RATE);
  const perSample = Math.log(1000) / (REVERB.decaySec * SAMPLE_RATE); // -60 dB at decaySec
  for (let c = 0; c < 2; c++) {
    const data = ir.getChannelData(c);
    let state = 12345 + c;
    for (let n = 0; n < length; n++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      data[n] = (state / 2147483648 - 1) * Math.exp(-perSample * n);
    }
    let energy = 0;
    for (let n = 0; n < length; n++) energy += data[n] * data[n];
    for (let n = 0; n < length; n++) data[n] /= Math.sqrt(energy); // unit energy: about unity power gain
  }
  return ir;
}

/** The master: low shelf -> high shelf -> compressor -> limiter stand-in -> destination. Returns its input. */
function masterChain(ctx: OfflineAudioContext): AudioNode {
  const input = new BiquadFilterNode(ctx, { type: 'lowshelf', frequency: MASTER.lowShelf.freqHz, gain: MASTER.lowShelf.gainDb });
  input
    .connect(new BiquadFilterNode(ctx, { type: 'highshelf', frequency: MASTER.highShelf.freqHz, gain: MASTER.highShelf.gainDb }))
    .connect(new DynamicsCompressorNode(ctx, {
      threshold: MASTER.comp.thresholdDb, ratio: MASTER.comp.ratio, knee: MASTER.comp.kneeDb,
      attack: MASTER.comp.attackMs / 1000, release: MASTER.comp.releaseMs / 1000,
    }))
    .connect(new DynamicsCompressorNode(ctx, { threshold: MASTER.limiter.ceilingDbtp, ratio: 20, knee: 0, attack: 0.001, release: MASTER.limiter.releaseMs / 1000 }))
    .connect(ctx.destination);
  return input;
}

function buildGraph(ctx: OfflineAudioContext): void {
  const out = masterChain(ctx);
  const verb = new ConvolverNode(ctx, { buffer: impulseResponse(ctx), disableNormalization: true });
  verb.connect(out);
  const delay = new DelayNode(ctx, { delayTime: DELAY.timeMs / 1000, maxDelayTime: 4 });
  const damping = new BiquadFilterNode(ctx, { type: 'lowpass', frequency: DELAY.dampingHz, Q: 20 * Math.log10(Math.SQRT1_2) });
  const feedback = new GainNode(ctx, { gain: DELAY.feedback });
  delay.connect(damping).connect(out);
  damping.connect(feedback).connect(delay);

  stemBuffers().forEach((buffer, k) => {
    const source = new AudioBufferSourceNode(ctx, { buffer });
    const panner = [
      new BiquadFilterNode(ctx, { type: 'highpass', frequency: STRIP.highpassHz, Q: 20 * Math.log10(Math.SQRT1_2) }), // Q in dB here
      new BiquadFilterNode(ctx, { type: 'lowshelf', frequency: STRIP.lowShelf.freqHz, gain: STRIP.lowShelf.gainDb }),
      new BiquadFilterNode(ctx, { type: 'peaking', frequency: STRIP.peak1.freqHz, Q: STRIP.peak1.q, gain: STRIP.peak1.gainDb }),
      new BiquadFilterNode(ctx, { type: 'peaking', frequency: STRIP.peak2.freqHz, Q: STRIP.peak2.q, gain: STRIP.peak2.gainDb }),
      new BiquadFilterNode(ctx, { type: 'highshelf', frequency: STRIP.highShelf.freqHz, gain: STRIP.highShelf.gainDb }),
      new DynamicsCompressorNode(ctx, {
        threshold: STRIP.comp.thresholdDb, ratio: STRIP.comp.ratio, knee: STRIP.comp.kneeDb,
        attack: STRIP.comp.attackMs / 1000, release: STRIP.comp.releaseMs / 1000,
      }),
      new GainNode(ctx, { gain: dbToGain(STRIP.faderDb) }),
      new StereoPannerNode(ctx, { pan: trackPan(k) }),
    ].reduce<AudioNode>((prev, node) => prev.connect(node), source);
    panner.connect(out);
    panner.connect(new GainNode(ctx, { gain: dbToGain(STRIP.sendDb.verb) })).connect(verb);
    panner.connect(new GainNode(ctx, { gain: dbToGain(STRIP.sendDb.dly) })).connect(delay);
    source.start(0);
  });
}

export interface PageRun {
  seconds: number;
  rmsDb: number;
}

/** One native render; only `startRendering()` is timed. */
export async function renderNative(): Promise<PageRun> {
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: FRAMES, sampleRate: SAMPLE_RATE });
  buildGraph(ctx);
  const start = performance.now();
  const rendered = await ctx.startRendering();
  const seconds = (performance.now() - start) / 1000;
  if (rendered.length !== FRAMES) throw new Error('unexpected native render length');
  return { seconds, rmsDb: rmsDb(rendered.getChannelData(0), rendered.getChannelData(1)) };
}
