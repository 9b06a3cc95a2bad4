/**
 * A live spectrum of one strip's output (the engine worklet's tap output through an analyser),
 * for the EQ view. `select` chooses the strip; `read` returns magnitudes in dBFS per FFT bin from
 * 0 Hz to sampleRate / 2 (bin k is at k * sampleRate / fftSize), or null while nothing plays.
 */
export interface SpectrumSource {
  readonly sampleRate: number;
  readonly fftSize: number;
  select(trackId: string | null): void;
  read(): Float32Array | null;
}
