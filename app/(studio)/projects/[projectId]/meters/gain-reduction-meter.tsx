'use client';

import { useRef } from 'react';
import type { MeterStore } from './meter-store';
import { GR_RANGE_DB, grAriaValue, grFraction } from './meter-scale';
import { useMeterDraw } from './use-meter-draw';

export interface GainReductionMeterProps {
  /** Accessible name, e.g. "Bass gain reduction"; omit for a second, decorative copy of a meter. */
  label?: string;
  /** The strip's meter id (`targetMeterId`). */
  meterId: string;
  store: MeterStore | null;
  orientation: 'horizontal' | 'vertical';
}

/** The compressor's gain reduction, 0..-24 dB, growing from the right (or from the top). */
export function GainReductionMeter({ label, meterId, store, orientation }: GainReductionMeterProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);

  useMeterDraw(store, (s) => {
    const gr = s.read(meterId).grDb;
    const f = (grFraction(gr) * 100).toFixed(2);
    if (fillRef.current) fillRef.current.style[orientation === 'horizontal' ? 'width' : 'height'] = `${f}%`;
    const root = rootRef.current;
    if (root && label) {
      root.setAttribute('aria-valuenow', String(grAriaValue(gr)));
      root.setAttribute('aria-valuetext', `${grAriaValue(gr).toFixed(1)} dB`);
      root.dataset.grDb = String(grAriaValue(gr));
    }
  });

  const a11y = label
    ? { role: 'meter', 'aria-label': label, 'aria-valuemin': -GR_RANGE_DB, 'aria-valuemax': 0, 'aria-valuenow': 0, 'aria-valuetext': '0.0 dB', 'data-gr-db': '0' }
    : { 'aria-hidden': true };

  return (
    <div ref={rootRef} className={`gr-meter gr-meter--${orientation}`} {...a11y}>
      <div ref={fillRef} className="gr-meter__fill" />
    </div>
  );
}
