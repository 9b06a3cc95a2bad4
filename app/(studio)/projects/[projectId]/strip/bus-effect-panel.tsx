'use client';

import { memo } from 'react';
import { type MixSnapshot, NOTE_SYNCS } from '../../../../../lib/doc';
import { Select } from '../../../../_components/select-field';
import { Knob } from '../controls/knob';
import { BUS_PARAM_SPECS } from '../controls/param-spec';
import { ToggleButton } from '../controls/toggle-button';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { BusTarget } from '../mixer/mix-target';

type Bus = MixSnapshot['buses'][number];

const SYNC_OPTIONS = NOTE_SYNCS.map((v) => ({ value: v, label: v === 'off' ? 'Free (ms)' : v.replace(/d$/, ' dotted').replace(/t$/, ' triplet') }));

const REVERB_KNOBS = [
  ['decaySec', 'Decay', 'decay'],
  ['preDelayMs', 'Pre-dly', 'pre-delay'],
  ['size', 'Size', 'size'],
  ['dampingHz', 'Damp', 'damping'],
  ['mix', 'Mix', 'mix'],
] as const;

const DELAY_KNOBS = [
  ['timeMs', 'Time', 'time'],
  ['feedback', 'Fdbk', 'feedback'],
  ['dampingHz', 'Damp', 'damping'],
] as const;

export interface BusEffectPanelProps {
  bus: Bus;
  target: BusTarget;
  editable: boolean;
}

/** A reverb's or a delay's parameters (SPEC L8), as the strip's panels look: knobs, a sync menu, a ping-pong switch. */
export const BusEffectPanel = memo(function BusEffectPanel({ bus, target, editable }: BusEffectPanelProps) {
  const label = `${bus.name} bus`;
  if (bus.kind === 'group') return null;
  const params = bus.params as Readonly<Record<string, number | string | boolean>>;
  const synced = bus.kind === 'delay' && bus.params.sync !== 'off';
  const knobs = bus.kind === 'reverb' ? REVERB_KNOBS : DELAY_KNOBS;
  return (
    <div className="comp-panel bus-effect" data-on="true">
      <div className="comp-panel__head">
        <span className="comp-panel__title">{bus.kind === 'reverb' ? 'Reverb' : 'Delay'}</span>
        {bus.kind === 'delay' && (
          <>
            <Select
              size="sm"
              aria-label={`${label} delay tempo sync`}
              value={bus.params.sync}
              disabled={!editable}
              options={SYNC_OPTIONS}
              data-param-path={paramPathOf(target, 'params.sync')}
              onChange={(v) => target.set('params.sync', v as never)}
            />
            <ToggleButton
              label={`${label} ping-pong`}
              pressed={bus.params.pingPong}
              disabled={!editable}
              variant="pre"
              title={bus.params.pingPong ? 'Ping-pong: echoes alternate left and right' : 'Echoes on both sides: click for ping-pong'}
              paramPath={paramPathOf(target, 'params.pingPong')}
              onToggle={(on) => target.set('params.pingPong', on as never)}
            >
              Ping-pong
            </ToggleButton>
          </>
        )}
      </div>
      <div className="comp-panel__knobs">
        {knobs
          .filter(([field]) => !(synced && field === 'timeMs'))
          .map(([field, caption, text]) => (
            <Knob
              key={field}
              label={`${label} ${text}`}
              caption={caption}
              spec={BUS_PARAM_SPECS[field]}
              value={params[field] as number}
              disabled={!editable}
              {...bindControl(target, `params.${field}`)}
            />
          ))}
      </div>
    </div>
  );
});
