'use client';

import { memo } from 'react';
import type { MasterData } from '../../../../../lib/doc';
import { ToggleButton } from '../controls/toggle-button';
import { GainReductionMeter } from '../meters/gain-reduction-meter';
import { LIMITER_METER_ID, type MeterStore } from '../meters/meter-store';
import { paramPathOf } from '../mixer/bind-control';
import type { MasterTarget } from '../mixer/mix-target';
import { MasterKnob } from './master-knob';

export interface LimiterPanelProps {
  target: MasterTarget;
  limiter: MasterData['limiter'];
  /** The target's ceiling, when it has one: the limiter is then on whatever its switch says (SPEC L16). */
  targetCeilingDbtp: number | null;
  meters: MeterStore | null;
  editable: boolean;
  describedBy?: string;
}

/** The true-peak limiter: on, ceiling, release, lookahead, and its gain reduction. */
export const LimiterPanel = memo(function LimiterPanel({ target, limiter, targetCeilingDbtp, meters, editable, describedBy }: LimiterPanelProps) {
  const forced = targetCeilingDbtp !== null;
  const ceiling = Math.min(limiter.on ? limiter.ceilingDbtp : Infinity, targetCeilingDbtp ?? Infinity);
  return (
    <div className="master-panel master-limiter" data-on={limiter.on || forced}>
      <div className="master-panel__head">
        <ToggleButton
          label="Master limiter on"
          pressed={limiter.on}
          disabled={!editable}
          variant="power"
          title={limiter.on ? 'Limiter in: click to bypass' : 'Limiter off: click to switch it in'}
          paramPath={paramPathOf(target, 'limiter.on')}
          onToggle={(on) => target.set('limiter.on', on)}
        >
          <span className="strip__led" aria-hidden="true" />
        </ToggleButton>
        <h3 className="master-panel__title">Limiter</h3>
        <span className="master-panel__note">
          {Number.isFinite(ceiling) ? `holds ${ceiling.toFixed(1)} dBTP` : 'off'}
          {forced && !limiter.on ? ' (the target’s)' : ''}
        </span>
      </div>
      <div className="master-panel__row">
        <MasterKnob target={target} param="limiter.ceilingDbtp" value={limiter.ceilingDbtp} label="Master limiter ceiling" caption="Ceiling" editable={editable} describedBy={describedBy} />
        <MasterKnob target={target} param="limiter.releaseMs" value={limiter.releaseMs} label="Master limiter release" caption="Release" editable={editable} describedBy={describedBy} />
        <MasterKnob target={target} param="limiter.lookaheadMs" value={limiter.lookaheadMs} label="Master limiter lookahead" caption="Look" editable={editable} describedBy={describedBy} />
        <div className="master-limiter__gr">
          <GainReductionMeter label="Master limiter gain reduction" meterId={LIMITER_METER_ID} store={meters} orientation="vertical" />
          <span className="comp-panel__gr-label" aria-hidden="true">
            GR
          </span>
        </div>
      </div>
    </div>
  );
});
