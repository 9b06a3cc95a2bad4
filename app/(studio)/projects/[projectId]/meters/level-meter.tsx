'use client';

import { useRef } from 'react';
import type { MeterStore } from './meter-store';
import { METER_MAX_DB, METER_MIN_DB, meterAriaValue, meterDataValue, meterFraction } from './meter-scale';
import { useMeterDraw } from './use-meter-draw';

export interface LevelMeterProps {
  /** Shown in the accessible names: "<name> level", "Clear <name> clip". */
  name: string;
  /** Meter ids, one bar each: a track id, or `master:L` and `master:R`. */
  ids: readonly string[];
  store: MeterStore | null;
  /** Scale marks beside the bars (the master strip has room for them). */
  marks?: readonly number[];
}

/**
 * A vertical peak meter, -60..+6 dBFS, with a hold line and a clip light that a click turns off.
 * The subscriber writes the bars and the ARIA value into the DOM; with several bars the meter's
 * value is the loudest channel.
 */
export function LevelMeter({ name, ids, store, marks }: LevelMeterProps) {
  const meterRef = useRef<HTMLDivElement>(null);
  const fills = useRef<(HTMLDivElement | null)[]>([]);
  const holds = useRef<(HTMLDivElement | null)[]>([]);
  const clipRef = useRef<HTMLButtonElement>(null);

  useMeterDraw(store, (s) => {
    let loudest = -Infinity;
    let clipped = false;
    ids.forEach((id, k) => {
      const r = s.read(id);
      if (r.levelDb > loudest) loudest = r.levelDb;
      clipped ||= r.clipped;
      const fill = fills.current[k];
      const hold = holds.current[k];
      if (fill) fill.style.clipPath = `inset(${((1 - meterFraction(r.levelDb)) * 100).toFixed(2)}% 0 0 0)`;
      if (hold) {
        const f = meterFraction(r.holdDb);
        hold.style.bottom = `${(f * 100).toFixed(2)}%`;
        hold.style.opacity = f > 0 ? '1' : '0';
      }
    });
    const meter = meterRef.current;
    if (meter) {
      meter.setAttribute('aria-valuenow', String(meterAriaValue(loudest)));
      meter.setAttribute('aria-valuetext', Number.isFinite(loudest) ? `${meterAriaValue(loudest)} dBFS` : 'silent');
      meter.dataset.levelDb = meterDataValue(loudest);
    }
    if (clipRef.current) clipRef.current.dataset.clipped = String(clipped);
  });

  const at = (db: number) => ({ bottom: `${(meterFraction(db) * 100).toFixed(2)}%` });

  return (
    <div className="level-meter">
      <button
        ref={clipRef}
        type="button"
        className="level-meter__clip"
        aria-label={`Clear ${name} clip`}
        title="Clip light: lit when a peak reached 0 dBFS. Click to clear."
        data-clipped="false"
        onClick={(e) => {
          e.stopPropagation();
          for (const id of ids) store?.clearClip(id);
        }}
      />
      <div className="level-meter__body">
        <div
          ref={meterRef}
          role="meter"
          aria-label={`${name} level`}
          aria-valuemin={METER_MIN_DB}
          aria-valuemax={METER_MAX_DB}
          aria-valuenow={METER_MIN_DB}
          aria-valuetext="silent"
          data-level-db="-inf"
          className="level-meter__bars"
        >
          {ids.map((id, k) => (
            <div key={id} className="level-meter__bar">
              <div className="level-meter__fill" ref={(el) => void (fills.current[k] = el)} style={{ clipPath: 'inset(100% 0 0 0)' }} />
              <div className="level-meter__hold" ref={(el) => void (holds.current[k] = el)} style={{ opacity: 0 }} />
              <div className="level-meter__zero" style={at(0)} />
            </div>
          ))}
        </div>
        {marks && (
          <div className="level-meter__scale" aria-hidden="true">
            {marks.map((db) => (
              <span key={db} className={['level-meter__mark', db === 0 && 'level-meter__mark--zero'].filter(Boolean).join(' ')} style={at(db)}>
                {db > 0 ? `+${db}` : db}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
