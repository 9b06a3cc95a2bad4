'use client';

import { memo, useMemo } from 'react';
import type { CompData } from '../../../../../lib/doc';
import type { MeterStore } from '../meters/meter-store';
import { compCurvePath, CURVE_MAX_DB, CURVE_MIN_DB } from './comp-curve';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { CompParams, MixTarget } from '../mixer/mix-target';
import { targetMeterId } from '../meters/meter-store';
import { paramSpec } from '../controls/param-spec';
import { GainReductionMeter } from '../meters/gain-reduction-meter';
import { Knob } from '../controls/knob';
import { ToggleButton } from '../controls/toggle-button';

export interface CompPanelProps {
  /** Whose compressor: a track's, a bus's or the master's. */
  target: MixTarget<CompParams>;
  /** How the controls are named: "Bass" gives "Bass compressor ratio". */
  name: string;
  comp: CompData;
  meters: MeterStore | null;
  editable: boolean;
}

const KNOBS = [
  ['thresholdDb', 'Thresh', 'threshold'],
  ['ratio', 'Ratio', 'ratio'],
  ['attackMs', 'Attack', 'attack'],
  ['releaseMs', 'Release', 'release'],
  ['kneeDb', 'Knee', 'knee'],
  ['makeupDb', 'Makeup', 'makeup'],
] as const;

const CURVE_PX = 84;

/** A target's compressor: power, six knobs, the transfer curve and gain reduction. */
export const CompPanel = memo(function CompPanel({ target, name, comp, meters, editable }: CompPanelProps) {
  const curve = useMemo(() => compCurvePath(comp, CURVE_PX), [comp]);
  const thresholdX = ((comp.thresholdDb - CURVE_MIN_DB) / (CURVE_MAX_DB - CURVE_MIN_DB)) * CURVE_PX;
  return (
    <div className="comp-panel" data-on={comp.on}>
      <div className="comp-panel__head">
        <ToggleButton
          label={`${name} compressor on`}
          pressed={comp.on}
          disabled={!editable}
          variant="power"
          title={comp.on ? 'Compressor in: click to bypass' : 'Compressor off: click to switch it in'}
          paramPath={paramPathOf(target, 'comp.on')}
          onToggle={(on) => target.set('comp.on', on)}
        >
          <span className="strip__led" aria-hidden="true" />
        </ToggleButton>
        <span className="comp-panel__title">Compressor</span>
      </div>
      <div className="comp-panel__body">
        <div className="comp-panel__knobs">
          {KNOBS.map(([field, caption, text]) => (
            <Knob
              key={field}
              label={`${name} compressor ${text}`}
              caption={caption}
              spec={paramSpec(`comp.${field}`)!}
              value={comp[field]}
              disabled={!editable}
              {...bindControl(target, `comp.${field}`)}
            />
          ))}
        </div>
        <div className="comp-panel__graphs">
          <svg className="comp-panel__curve" viewBox={`0 0 ${CURVE_PX} ${CURVE_PX}`} width={CURVE_PX} height={CURVE_PX} aria-hidden="true">
            <line className="comp-panel__diagonal" x1="0" y1={CURVE_PX} x2={CURVE_PX} y2="0" />
            <line className="comp-panel__threshold" x1={thresholdX} x2={thresholdX} y1="0" y2={CURVE_PX} />
            <path d={curve} />
          </svg>
          <div className="comp-panel__gr">
            <GainReductionMeter meterId={targetMeterId(target)} store={meters} orientation="vertical" />
            <span className="comp-panel__gr-label" aria-hidden="true">
              GR
            </span>
          </div>
        </div>
      </div>
    </div>
  );
});
