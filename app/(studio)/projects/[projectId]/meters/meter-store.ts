import { MASTER_METER_ID, type MasterLoudness, type MeterFrame } from '../../../../../lib/audio/engine/protocol';
import type { TargetKind } from '../mixer/mix-target';

export { MASTER_METER_ID };

/** The meter id of a bus (track ids and bus ids may be equal). */
export const busMeterId = (busId: string) => `bus:${busId}`;

/** The meter id of the master's true-peak limiter (its gain reduction). */
export const LIMITER_METER_ID = `${MASTER_METER_ID}:limiter`;

/** The meter of a mix target: a track by its id, a bus as `bus:<id>`, the master as `master` (its glue compressor's gain reduction). */
export function targetMeterId(target: { kind: TargetKind; id: string }): string {
  return target.kind === 'track' ? target.id : target.kind === 'bus' ? busMeterId(target.id) : MASTER_METER_ID;
}

/** What a level meter shows for one strip (or one master channel). */
export interface MeterReading {
  /** The displayed level in dBFS: the peak since the last update, falling at `FALL_DB_PER_SEC`. -Infinity is silence. */
  levelDb: number;
  /** The highest level of the last `HOLD_SEC`, shown as a line. */
  holdDb: number;
  /** A sample reached 0 dBFS or more since the user last cleared it (clip light). */
  clipped: boolean;
  /** Compressor gain reduction in dB (0 or negative); 0 on the master. */
  grDb: number;
}

/** Peak meter ballistics: instant attack, 20 dB/s fall (IEC 60268-18 style), 1.5 s hold. */
export const FALL_DB_PER_SEC = 20;
export const HOLD_SEC = 1.5;
/** Digital silence falls to this level, then shows as silence (-Infinity): the bottom of the meter scale. */
export const SILENCE_BELOW_DB = -60;
const SILENT: MeterReading = Object.freeze({ levelDb: -Infinity, holdDb: -Infinity, clipped: false, grDb: 0 });

interface Slot extends MeterReading {
  /** When the hold line was last set, and when the slot was last updated (seconds). */
  holdAt: number;
  at: number;
}

const toDb = (peak: number) => (peak > 0 ? 20 * Math.log10(peak) : -Infinity);

/**
 * The meters of the console, fed by the engine worklet's meter frames (about 25 a second) and read
 * by the meter components. Subscribers are called after each frame; they draw straight into the
 * DOM, so meters do not re-render React. Tracks are read by their id, buses as `bus:<id>`, the
 * master's channels as `master:L` and `master:R`.
 */
export class MeterStore {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<() => void>();
  /** The master's loudness, correlation and scope from the latest frame (null before the first). */
  loudness: MasterLoudness | null = null;

  read(id: string): MeterReading {
    return this.slots.get(id) ?? SILENT;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Turns off a clip light (clicking the meter). */
  clearClip(id: string): void {
    const slot = this.slots.get(id);
    if (!slot?.clipped) return;
    slot.clipped = false;
    this.emit();
  }

  /** Applies one frame of peaks from the engine; `nowSec` is a monotonic clock in seconds. */
  push(frame: MeterFrame, nowSec: number): void {
    frame.trackIds.forEach((id, k) => this.update(id, frame.trackPeaks[k], frame.trackGr[k], nowSec));
    frame.busIds.forEach((id, k) => this.update(busMeterId(id), frame.busPeaks[k], frame.busGr[k], nowSec));
    this.update(`${MASTER_METER_ID}:L`, frame.masterPeaks[0], 0, nowSec);
    this.update(`${MASTER_METER_ID}:R`, frame.masterPeaks[1], 0, nowSec);
    const loudness = frame.masterLoudness;
    if (loudness) {
      const peak = Math.max(frame.masterPeaks[0], frame.masterPeaks[1]);
      this.update(MASTER_METER_ID, peak, loudness.compGr, nowSec);
      this.update(LIMITER_METER_ID, peak, loudness.limiterGr, nowSec);
      this.loudness = loudness;
    }
    this.emit();
  }

  /** The loudness readings start over (reset integration): no reading until the next frame. */
  clearLoudness(): void {
    this.loudness = null;
    this.emit();
  }

  /** Everything falls to silence (playback stopped): levels drop at once, clip lights stay. */
  silence(): void {
    for (const slot of this.slots.values()) Object.assign(slot, { levelDb: -Infinity, holdDb: -Infinity, grDb: 0 });
    this.emit();
  }

  private update(id: string, peak: number, grDb: number, now: number): void {
    const db = toDb(peak);
    let slot = this.slots.get(id);
    if (!slot) {
      slot = { levelDb: -Infinity, holdDb: -Infinity, clipped: false, grDb: 0, holdAt: now, at: now };
      this.slots.set(id, slot);
    }
    const fallen = slot.levelDb - FALL_DB_PER_SEC * Math.max(0, now - slot.at);
    slot.at = now;
    slot.levelDb = peak === 0 && fallen < SILENCE_BELOW_DB ? -Infinity : Math.max(db, fallen);
    if (db >= slot.holdDb || now - slot.holdAt > HOLD_SEC) {
      slot.holdDb = slot.levelDb;
      slot.holdAt = now;
    }
    if (peak >= 1) slot.clipped = true;
    slot.grDb = grDb;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
