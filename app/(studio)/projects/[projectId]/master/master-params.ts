import type { ParamSpec } from '../controls/param-spec';
import type { MasterParams, NumericParam } from '../mixer/mix-target';

const spec = (min: number, max: number, defaultValue: number, unit: ParamSpec['unit'], scale: ParamSpec['scale'], bipolar = false): ParamSpec => ({
  min,
  max,
  defaultValue,
  unit,
  scale,
  bipolar,
});

/**
 * Range, default and scale of the master section's own knobs (lib/doc/SPEC.md "Layout": master);
 * its EQ and compressor knobs are the strip's (`paramSpec`).
 */
export const MASTER_SPECS = {
  inputGainDb: spec(-24, 24, 0, 'db', 'linear', true),
  width: spec(0, 2, 1, 'q', 'linear', true),
  'monoBass.freqHz': spec(20, 500, 120, 'hz', 'log'),
  'comp.sidechainHpHz': spec(20, 500, 100, 'hz', 'log'),
  'limiter.ceilingDbtp': spec(-12, 0, -1, 'db', 'linear'),
  'limiter.releaseMs': spec(1, 1000, 50, 'ms', 'log'),
  'limiter.lookaheadMs': spec(1, 20, 5, 'ms', 'log'),
  'customTarget.integratedLufs': spec(-40, -5, -14, 'db', 'linear'),
  'customTarget.ceilingDbtp': spec(-12, 0, -1, 'db', 'linear'),
} satisfies Partial<Record<NumericParam<MasterParams>, ParamSpec>>;

export type MasterKnobParam = keyof typeof MASTER_SPECS;
