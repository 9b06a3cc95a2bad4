'use client';

import { memo } from 'react';
import { MASTER_METER_ID } from '../meters/meter-store';
import { METER_MARKS_DB } from '../meters/meter-scale';
import { LevelMeter } from '../meters/level-meter';
import { useStudio } from '../studio-context';

const MASTER_IDS = [`${MASTER_METER_ID}:L`, `${MASTER_METER_ID}:R`] as const;

/** The right end of the console: the master bus's stereo meter (its controls live elsewhere). */
export const MasterStrip = memo(function MasterStrip() {
  const meters = useStudio().playback?.meters ?? null;
  return (
    <div role="group" aria-label="Master strip" className="strip strip--master">
      <div className="strip__color" aria-hidden="true" />
      <div className="strip__head">
        <span className="strip__name">Master</span>
        <span className="strip-master__channels" aria-hidden="true">
          <span>L</span>
          <span>R</span>
        </span>
      </div>
      <LevelMeter name="Master" ids={MASTER_IDS} store={meters} marks={METER_MARKS_DB} />
    </div>
  );
});
