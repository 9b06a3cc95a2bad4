import type { Frozen } from '../doc/read-mix';
import type { AutomationPoint, CompData, EqData, InsertData } from '../doc/types';
import { applyComp } from './apply-comp';
import { Compressor } from '../dsp';
import { EqSection } from './eq-section';
import { Insert } from './insert';
import { InsertSlot } from './insert-slot';

export { applyComp } from './apply-comp';

/** One insert of the document with its id, in processing order. */
export type OrderedInsert = Frozen<InsertData> & { id: string };

/**
 * The insert section of a strip: its own EQ (high-pass -> low-pass -> low shelf -> peak 1 -> peak 2
 * -> high shelf) -> its compressor -> the insert list in order (SPEC L18). Each stage is in the
 * signal path only while it is on (an EQ band also needs a gain other than 0 dB; an insert while
 * not bypassed), so a strip with nothing switched on leaves the samples bit for bit as they are.
 * Processors are built once, for 2 channels; mono strips run them on channel 0 only.
 */
export class InsertChain {
  private readonly sampleRate: number;
  private readonly blockSize: number;
  private readonly eq: EqSection;
  private readonly comp: Insert<Compressor>;
  /** The insert list in processing order, then those removed from it until they faded out. */
  private slots: InsertSlot[] = [];

  constructor(sampleRate: number, blockSize: number) {
    this.sampleRate = sampleRate;
    this.blockSize = blockSize;
    this.eq = new EqSection(sampleRate, blockSize);
    this.comp = new Insert(new Compressor({ channels: 2, sampleRate }), blockSize);
  }

  /**
   * Applies the document's EQ, compressor and inserts; parameter changes ramp inside each
   * processor, an insert switched, added or removed crossfades over one block. `bpm` sets the
   * tempo-synced rates (SPEC L19).
   */
  update(
    eq: Frozen<EqData>,
    comp: Frozen<CompData>,
    inserts: ReadonlyArray<OrderedInsert> = [],
    bpm = 120,
    lanes: Readonly<Record<string, ReadonlyArray<AutomationPoint>>> = {},
  ): void {
    this.eq.update(eq);
    this.comp.setEnabled(comp.on);
    applyComp(this.comp.processor, comp);
    const previous = new Map(this.slots.filter((s) => !s.removed || s.active).map((s) => [s.id, s]));
    const slots: InsertSlot[] = [];
    for (const insert of inserts) {
      let slot = previous.get(insert.id);
      if (!slot || slot.kind !== insert.kind) slot = new InsertSlot(insert.id, insert.kind, this.sampleRate, this.blockSize);
      else previous.delete(insert.id);
      const lane = lanes[`bypass:${insert.id}`];
      slot.lane = lane && lane.length > 0 ? lane : null;
      slot.update(insert, bpm);
      slots.push(slot);
    }
    for (const slot of previous.values()) {
      slot.remove();
      slots.push(slot);
    }
    this.slots = slots;
  }

  /** Sets the inserts' switches from their bypass lanes for the block starting at `startSec`. */
  control(startSec: number): void {
    for (let k = 0; k < this.slots.length; k++) this.slots[k].control(startSec);
  }

  /** Whether an auto-pan is in the list (a mono track then becomes stereo at its inserts). */
  get widens(): boolean {
    return this.slots.some((s) => s.kind === 'auto_pan');
  }

  /** Compressor gain change in dB (0 or negative) for a gain-reduction meter; 0 when off. */
  get gainReduction(): number {
    return this.comp.active ? this.comp.processor.gainReduction : 0;
  }

  settle(): void {
    this.eq.settle();
    this.comp.settle();
    for (let k = 0; k < this.slots.length; k++) this.slots[k].settle();
  }

  reset(): void {
    this.eq.reset();
    this.comp.processor.reset();
    for (let k = 0; k < this.slots.length; k++) this.slots[k].reset();
  }

  /** The strip's own EQ and compressor, in place. */
  processStrip(bufs: ReadonlyArray<Float32Array>, frames: number): void {
    this.eq.process(bufs, bufs, frames);
    this.comp.process(bufs, frames);
  }

  /** The insert list, in place, on the block starting at timeline frame `startFrame`. */
  processInserts(bufs: ReadonlyArray<Float32Array>, frames: number, startFrame: number): void {
    for (let k = 0; k < this.slots.length; k++) this.slots[k].process(bufs, frames, startFrame);
  }

  process(bufs: ReadonlyArray<Float32Array>, frames: number, startFrame: number): void {
    this.processStrip(bufs, frames);
    this.processInserts(bufs, frames, startFrame);
  }
}
