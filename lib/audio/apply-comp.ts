import type { Frozen } from '../doc/read-mix';
import type { CompData } from '../doc/types';
import type { Compressor } from '../dsp';

/** Sets a compressor from the document's settings (a strip's, an insert's or the master's). */
export function applyComp(c: Compressor, comp: Frozen<Omit<CompData, 'on'>>): void {
  c.threshold = comp.thresholdDb;
  c.ratio = comp.ratio;
  c.knee = comp.kneeDb;
  c.makeup = comp.makeupDb;
  // Compressor times are in seconds; its release has a 5 ms floor (the document allows 1 ms).
  if (c.attack !== comp.attackMs / 1000) c.attack = comp.attackMs / 1000;
  if (c.release !== Math.max(0.005, comp.releaseMs / 1000)) c.release = comp.releaseMs / 1000;
}
