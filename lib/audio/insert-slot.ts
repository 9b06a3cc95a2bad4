import type { Frozen } from '../doc/read-mix';
import type { AutomationPoint, InsertData, InsertKind } from '../doc/types';
import { laneHoldAt } from './automation-lane';
import { AutoPan, Compressor, createChorus, createFlanger, type LfoRate, type ModulatedDelay, type NoteDivision, Phaser, Tremolo } from '../dsp';
import { EqSection } from './eq-section';
import { Insert, type InsertProcessor } from './insert';
import { applyComp } from './apply-comp';

/**
 * A processor an insert slot runs in place; `settle` where it has switches of its own (the EQ),
 * `seek` where an LFO follows the timeline (the modulation effects).
 */
interface SlotProcessor extends InsertProcessor {
  settle?(): void;
  seek?(frame: number): void;
}

/** The LFO rate of a modulation insert: free, or one cycle per note value at the tempo (SPEC L19). */
export function insertRate(params: { rateHz: number; sync: string }, bpm: number): LfoRate {
  return params.sync === 'off' ? { hz: params.rateHz } : { bpm, division: params.sync as NoteDivision };
}

/** A pass-through: pitch correction is computed ahead, per stem, and not run in the block loop. */
const PASS_THROUGH: SlotProcessor = { process: () => undefined, reset: () => undefined };

function createProcessor(kind: InsertKind, sampleRate: number, blockSize: number): SlotProcessor {
  const common = { channels: 2, sampleRate };
  switch (kind) {
    case 'eq':
      return new EqSection(sampleRate, blockSize);
    case 'comp':
      return new Compressor(common);
    case 'chorus':
      return createChorus(common);
    case 'flanger':
      return createFlanger(common);
    case 'phaser':
      return new Phaser(common);
    case 'tremolo':
      return new Tremolo(common);
    case 'auto_pan':
      return new AutoPan({ sampleRate });
    case 'pitch':
      return PASS_THROUGH;
  }
}

/**
 * One insert of a strip's list (SPEC L18): its processor, switched in while not bypassed. Bypass,
 * adding and removing crossfade with the dry signal over one block (`Insert`). Parameters apply
 * from the next block; the processors ramp or glide where they can (filters, delay times).
 */
export class InsertSlot {
  readonly id: string;
  readonly kind: InsertKind;
  /** Left out of the document: fading out, then dropped by the next update. */
  removed = false;
  /** The `bypass:<id>` automation lane (SPEC L7), or null: while it has points it decides. */
  lane: ReadonlyArray<AutomationPoint> | null = null;
  /** The insert's own `bypass` (and pitch inserts, which never run here). */
  private bypassed = true;
  private readonly slot: Insert<SlotProcessor>;

  constructor(id: string, kind: InsertKind, sampleRate: number, blockSize: number) {
    this.id = id;
    this.kind = kind;
    this.slot = new Insert(createProcessor(kind, sampleRate, blockSize), blockSize);
  }

  get active(): boolean {
    return this.slot.active;
  }

  update(insert: Frozen<InsertData>, bpm: number): void {
    this.removed = false;
    this.bypassed = insert.bypass || insert.kind === 'pitch';
    if (!this.lane) this.slot.setEnabled(!this.bypassed);
    const p = this.slot.processor;
    switch (insert.kind) {
      case 'eq':
        (p as EqSection).update(insert.params);
        break;
      case 'comp':
        applyComp(p as Compressor, insert.params);
        break;
      case 'chorus':
      case 'flanger':
      case 'phaser': {
        const { depth, feedback, mix } = insert.params;
        (p as ModulatedDelay | Phaser).set({ rate: insertRate(insert.params, bpm), depth, feedback, mix });
        break;
      }
      case 'tremolo':
        (p as Tremolo).set({ rate: insertRate(insert.params, bpm), depth: insert.params.depth, mix: insert.params.mix });
        break;
      case 'auto_pan':
        (p as AutoPan).set({ rate: insertRate(insert.params, bpm), depth: insert.params.depth });
        break;
      case 'pitch':
        break;
    }
  }

  remove(): void {
    this.removed = true;
    this.lane = null;
    this.slot.setEnabled(false);
  }

  /** Follows the bypass lane at the block starting at `startSec` (held values, as mute). */
  control(startSec: number): void {
    if (this.lane === null || this.removed || this.kind === 'pitch') return;
    this.slot.setEnabled(laneHoldAt(this.lane, startSec, 0) < 0.5);
  }

  settle(): void {
    this.slot.settle();
    this.slot.processor.settle?.();
  }

  reset(): void {
    this.slot.processor.reset();
  }

  /**
   * In place on 1 or 2 channels, the block starting at timeline frame `startFrame` (an LFO's
   * phase is a function of it); an auto-pan needs 2 (a mono strip widens for it).
   */
  process(bufs: ReadonlyArray<Float32Array>, frames: number, startFrame: number): void {
    if (this.kind === 'auto_pan' && bufs.length < 2) return;
    this.slot.processor.seek?.(startFrame);
    this.slot.process(bufs, frames);
  }
}
