import type { LoudnessUnits, Lufs } from './units';

/** BS.1770 absolute gate. */
export const ABSOLUTE_GATE_LUFS: Lufs = -70;
const TOP_LUFS: Lufs = 30;
const BIN_LU: LoudnessUnits = 0.01;
const BINS = Math.round((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_LU);

/** Mean square (channel-weighted) to LUFS: L = -0.691 + 10 log10(z). */
export function energyToLufs(energy: number): Lufs {
  return energy > 0 ? -0.691 + 10 * Math.log10(energy) : -Infinity;
}

export function lufsToEnergy(lufs: Lufs): number {
  return Math.pow(10, (lufs + 0.691) / 10);
}

/**
 * Gating blocks kept as a histogram of 0.01 LU bins from -70 to +30 LUFS, each bin holding its
 * block count and the exact sum of its blocks' energies. Memory is fixed however long the
 * stream; gated means are exact except for blocks within 0.01 LU of a relative gate, and
 * percentiles resolve to the mean of one bin.
 */
export class LoudnessHistogram {
  private readonly counts = new Float64Array(BINS);
  private readonly energies = new Float64Array(BINS);
  private total = 0;
  private totalEnergy = 0;

  /** Number of blocks above the absolute gate. */
  get count(): number {
    return this.total;
  }

  /** Adds one block by its mean square; blocks at or below -70 LUFS are dropped (absolute gate). */
  add(energy: number): void {
    const lufs = energyToLufs(energy);
    if (!(lufs > ABSOLUTE_GATE_LUFS)) return;
    let bin = Math.floor((lufs - ABSOLUTE_GATE_LUFS) / BIN_LU);
    if (bin >= BINS) bin = BINS - 1;
    this.counts[bin] += 1;
    this.energies[bin] += energy;
    this.total += 1;
    this.totalEnergy += energy;
  }

  reset(): void {
    this.counts.fill(0);
    this.energies.fill(0);
    this.total = 0;
    this.totalEnergy = 0;
  }

  /** The relative gate: `offset` LU (negative) below the mean of the blocks above the absolute gate. */
  relativeThreshold(offset: LoudnessUnits): Lufs {
    return this.total === 0 ? -Infinity : energyToLufs(this.totalEnergy / this.total) + offset;
  }

  /** Power mean of the blocks above the relative gate at `offset` LU, in LUFS (BS.1770-4 integrated loudness with -10). */
  gatedLoudness(offset: LoudnessUnits): Lufs {
    if (this.total === 0) return -Infinity;
    const first = this.firstBinAbove(this.relativeThreshold(offset));
    let count = 0;
    let energy = 0;
    for (let b = first; b < BINS; b++) {
      count += this.counts[b];
      energy += this.energies[b];
    }
    return count === 0 ? -Infinity : energyToLufs(energy / count);
  }

  /**
   * The difference between the `high` and `low` percentiles of the blocks above the relative gate
   * at `offset` LU (EBU Tech 3342 loudness range with -20, 0.10 and 0.95). A percentile is the
   * block of rank round((n - 1) p) in ascending order, as in Tech 3342's reference code.
   */
  range(offset: LoudnessUnits, low: number, high: number): LoudnessUnits {
    if (this.total === 0) return 0;
    const first = this.firstBinAbove(this.relativeThreshold(offset));
    let n = 0;
    for (let b = first; b < BINS; b++) n += this.counts[b];
    if (n === 0) return 0;
    return this.valueOfRank(first, Math.round((n - 1) * high)) - this.valueOfRank(first, Math.round((n - 1) * low));
  }

  private valueOfRank(first: number, rank: number): Lufs {
    let seen = 0;
    for (let b = first; b < BINS; b++) {
      seen += this.counts[b];
      if (seen > rank) return energyToLufs(this.energies[b] / this.counts[b]);
    }
    return -Infinity;
  }

  /** First bin whose blocks count as above `threshold`: bins wholly above it, plus its own bin when the bin centre is above it. */
  private firstBinAbove(threshold: Lufs): number {
    if (!(threshold > ABSOLUTE_GATE_LUFS)) return 0;
    const position = (threshold - ABSOLUTE_GATE_LUFS) / BIN_LU;
    const bin = Math.floor(position);
    if (bin >= BINS) return BINS;
    return position - bin < 0.5 ? bin : bin + 1;
  }
}
