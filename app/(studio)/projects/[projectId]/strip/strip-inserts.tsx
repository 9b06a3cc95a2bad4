'use client';

import { useMemo } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import type { MeterStore } from '../meters/meter-store';
import { eqCurvePath } from './eq-plot';
import { bandActive, EQ_BAND_NAMES } from './eq-response';
import { GainReductionMeter } from '../meters/gain-reduction-meter';

type Strip = MixSnapshot['tracks'][number]['strip'];

export interface StripInsertsProps {
  trackId: string;
  name: string;
  strip: Strip;
  sampleRate: number;
  meters: MeterStore | null;
  /** Selects the strip and brings its EQ or compressor panel into view. */
  onOpen(section: 'eq' | 'comp'): void;
}

const THUMB_W = 36;
const THUMB_H = 14;

/**
 * The strip's summaries of its inserts: an EQ button with a thumbnail of the curve, and a
 * compressor button with its gain-reduction meter. Each lights up while its processor is in.
 */
export function StripInserts({ trackId, name, strip, sampleRate, meters, onOpen }: StripInsertsProps) {
  const { eq, comp } = strip;
  const eqOn = EQ_BAND_NAMES.some((band) => bandActive(band, eq[band]));
  const curve = useMemo(() => eqCurvePath(eq, sampleRate, THUMB_W, THUMB_H, 24), [eq, sampleRate]);

  return (
    <div className="strip__inserts">
      <button
        type="button"
        className="strip__insert"
        data-on={eqOn}
        aria-label={`Edit ${name} EQ`}
        title={eqOn ? 'EQ in: click to edit' : 'EQ flat: click to edit'}
        onClick={() => onOpen('eq')}
      >
        <span className="strip__insert-name">
          <span className="strip__led" aria-hidden="true" />
          EQ
        </span>
        <svg className="strip__eq-thumb" viewBox={`0 0 ${THUMB_W} ${THUMB_H}`} aria-hidden="true">
          <line x1="0" x2={THUMB_W} y1={THUMB_H / 2} y2={THUMB_H / 2} className="strip__eq-thumb-zero" />
          <path d={curve} />
        </svg>
      </button>
      <div className="strip__insert strip__insert--comp" data-on={comp.on}>
        <button
          type="button"
          className="strip__insert-btn"
          aria-label={`Edit ${name} compressor`}
          title={comp.on ? 'Compressor in: click to edit' : 'Compressor off: click to edit'}
          onClick={() => onOpen('comp')}
        >
          <span className="strip__insert-name">
            <span className="strip__led" aria-hidden="true" />
            Comp
          </span>
        </button>
        <GainReductionMeter label={`${name} gain reduction`} meterId={trackId} store={meters} orientation="horizontal" />
      </div>
    </div>
  );
}
