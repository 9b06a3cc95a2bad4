import type { Frozen } from '../doc/read-mix';
import type { EqData } from '../doc/types';
import { Biquad, PassFilter, type BiquadType } from '../dsp';
import { Insert } from './insert';

const BANDS = [
  ['lowShelf', 'lowshelf'],
  ['peak1', 'peaking'],
  ['peak2', 'peaking'],
  ['highShelf', 'highshelf'],
] as const satisfies ReadonlyArray<readonly [keyof EqData, BiquadType]>;

/**
 * The strip EQ: high-pass -> low-pass -> low shelf -> peak 1 -> peak 2 -> high shelf. A filter is
 * in the signal path only while it is on, and a band only while it is on with a gain other than
 * 0 dB, so an EQ with nothing switched on leaves the samples bit for bit as they are. Built for 2
 * channels; mono strips run it on channel 0 only. Used by every strip and by EQ inserts.
 */
export class EqSection {
  private readonly highpass: Insert<PassFilter>;
  private readonly lowpass: Insert<PassFilter>;
  private readonly bands: Insert<Biquad>[];
  private readonly all: Insert<PassFilter | Biquad>[];

  constructor(sampleRate: number, blockSize: number) {
    const common = { channels: 2, sampleRate };
    this.highpass = new Insert(new PassFilter({ ...common, type: 'highpass' }), blockSize);
    this.lowpass = new Insert(new PassFilter({ ...common, type: 'lowpass', frequency: 18000 }), blockSize);
    this.bands = BANDS.map(([, type]) => new Insert(new Biquad({ ...common, type }), blockSize));
    this.all = [this.highpass, this.lowpass, ...this.bands];
  }

  /** Applies the document's EQ; parameter changes ramp inside each filter. */
  update(eq: Frozen<EqData>): void {
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
  }

  settle(): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].settle();
  }

  reset(): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].processor.reset();
  }

  /** In place: `outputs` must be `inputs` (the lib/dsp signature, so that an EQ can be an insert). */
  process(inputs: ReadonlyArray<Float32Array>, _outputs: ReadonlyArray<Float32Array>, frames: number): void {
    for (let k = 0; k < this.all.length; k++) this.all[k].process(inputs, frames);
  }
}
