import type { Frozen } from '../doc/read-mix';
import type { CompData, EqData } from '../doc/types';
import { Biquad, Compressor, PassFilter, type BiquadType } from '../dsp';
import { Insert } from './insert';

const BANDS = [
  ['lowShelf', 'lowshelf'],
  ['peak1', 'peaking'],
  ['peak2', 'peaking'],
  ['highShelf', 'highshelf'],
] as const satisfies ReadonlyArray<readonly [keyof EqData, BiquadType]>;

/** Sets a compressor from the document's settings (a strip's or the master's). */
export function applyComp(c: Compressor, comp: Frozen<CompData>): void {
  c.threshold = comp.thresholdDb;
  c.ratio = comp.ratio;
  c.knee = comp.kneeDb;
  c.makeup = comp.makeupDb;
  // Compressor times are in seconds; its release has a 5 ms floor (the document allows 1 ms).
  if (c.attack !== comp.attackMs / 1000) c.attack = comp.attackMs / 1000;
  if (c.release !== Math.max(0.005, comp.releaseMs / 1000)) c.release = comp.releaseMs / 1000;
}

/**
 * The insert section of a strip in its fixed order: high-pass -> low-pass -> low shelf -> peak 1
 * -> peak 2 -> high shelf -> compressor. A filter is in the signal path only while it is on, and
 * an EQ band only while it is on with a gain other than 0 dB, so a strip with nothing switched on
 * leaves the samples bit for bit as they are. Processors are built once, for 2 channels; mono
 * strips run them on channel 0 only.
 */
export class InsertChain {
  private readonly highpass: Insert<PassFilter>;
  private readonly lowpass: Insert<PassFilter>;
  private readonly bands: Insert<Biquad>[];
  private readonly comp: Insert<Compressor>;
  private readonly all: Insert<PassFilter | Biquad | Compressor>[];

  constructor(sampleRate: number, blockSize: number) {
    const common = { channels: 2, sampleRate };
    this.highpass = new Insert(new PassFilter({ ...common, type: 'highpass' }), blockSize);
    this.lowpass = new Insert(new PassFilter({ ...common, type: 'lowpass', frequency: 18000 }), blockSize);
    this.bands = BANDS.map(([, type]) => new Insert(new Biquad({ ...common, type }), blockSize));
    this.comp = new Insert(new Compressor(common), blockSize);
    this.all = [this.highpass, this.lowpass, ...this.bands, this.comp];
  }

  /** Applies the document's EQ and compressor; parameter changes ramp inside each processor. */
  update(eq: Frozen<EqData>, comp: Frozen<CompData>): void {
    for (const [insert, band] of [[this.highpass, eq.highpass], [this.lowpass, eq.lowpass]] as const) {
      insert.setEnabled(band.on);
      const filter = insert.processor;
      if (filter.frequency !== band.freqHz) filter.frequency = band.freqHz;
      if (filter.slope !== band.slope) filter.slope = band.slope;
    }
    BANDS.forEach(([name], k) => {
      const band = eq[name] as Frozen<EqData['peak1']>;
      const insert = this.bands[k];
      const filter = insert.processor;
      if (insert.setEnabled(band.on && band.gainDb !== 0)) {
        filter.setImmediately({ frequency: band.freqHz, q: band.q, gain: band.gainDb });
        return;
      }
      if (filter.frequency !== band.freqHz) filter.frequency = band.freqHz;
      if (filter.q !== band.q) filter.q = band.q;
      // A band switched off keeps its last gain, so a fade-out does not ramp towards flat.
      if (band.gainDb !== 0 && filter.gain !== band.gainDb) filter.gain = band.gainDb;
    });
    this.comp.setEnabled(comp.on);
    applyComp(this.comp.processor, comp);
  }

  /** Compressor gain change in dB (0 or negative) for a gain-reduction meter; 0 when off. */
  get gainReduction(): number {
    return this.comp.active ? this.comp.processor.gainReduction : 0;
  }

  settle(): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].settle();
  }

  reset(): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].processor.reset();
  }

  process(bufs: ReadonlyArray<Float32Array>, frames: number): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].process(bufs, frames);
  }
}
