'use client';

import { type CSSProperties, memo } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import { useStore } from '../common/use-store';
import { busMeterId } from '../meters/meter-store';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import { useLive, useStudio } from '../studio-context';
import { PAN_SPEC } from '../controls/param-spec';
import { Fader } from '../controls/fader';
import { Knob } from '../controls/knob';
import { LevelMeter } from '../meters/level-meter';
import { MuteSolo } from '../controls/mute-solo';

export interface BusStripProps {
  bus: MixSnapshot['buses'][number];
  /** Its detail (effect, EQ, compressor, inserts) is open. */
  selected: boolean;
  onSelect(busId: string): void;
}

const KIND_TEXT: Record<BusStripProps['bus']['kind'], string> = { reverb: 'Reverb return', delay: 'Delay return', group: 'Group' };

/**
 * An effect return or group bus in the console: its name and kind, pan, mute and solo, fader and
 * level meter. Tracks feed it through their sends (or their output); it feeds the master.
 */
export const BusStrip = memo(function BusStrip({ bus, selected, onSelect }: BusStripProps) {
  const { model, playback } = useStudio();
  const meters = playback?.meters ?? null;
  const { id, name, strip } = bus;
  // The lead writes buses (SPEC P7); everyone else sees them read-only.
  const live = useLive();
  const readOnly = useStore(model, (s) => s.readOnly.buses.has(id));
  const editable = live && !readOnly;
  const label = `${name} bus`;
  const target = model.bus(id);
  return (
    <div role="group" aria-label={`${label} strip`} data-bus-id={id} className={['strip strip--bus', !editable && 'strip--readonly', selected && 'strip--selected'].filter(Boolean).join(' ')} style={{ '--track-color': '#8a8f98' } as CSSProperties}>
      <div className="strip__color" aria-hidden="true" />
      <div className="strip__head">
        <span className="strip__name" title={name}>
          {name}
        </span>
        <span className="strip__bus-kind">{KIND_TEXT[bus.kind]}</span>
      </div>
      <div className="strip__inserts">
        <button type="button" className="strip__insert" data-on={selected} aria-label={`Edit ${label}`} aria-pressed={selected} title={`Open the ${label}: its ${bus.kind === 'group' ? '' : `${bus.kind}, `}EQ, compressor and inserts`} onClick={() => onSelect(id)}>
          <span className="strip__insert-name">
            <span className="strip__led" aria-hidden="true" />
            Edit
          </span>
          {(bus.kind === 'delay' && bus.params.sync !== 'off' && <span className="strip__bus-sync">{bus.params.sync}</span>) || null}
        </button>
      </div>
      <div className="strip__pan-row">
        <Knob label={`${label} pan`} spec={PAN_SPEC} value={strip.pan} disabled={!editable} ariaScale={100} {...bindControl(target, 'pan')} />
        <MuteSolo
          name={label}
          mute={strip.mute}
          solo={strip.solo}
          disabled={!editable}
          mutePath={paramPathOf(target, 'mute')}
          soloPath={paramPathOf(target, 'solo')}
          onMute={(on) => target.set('mute', on)}
          onSolo={(on) => target.set('solo', on)}
        />
      </div>
      <div className="strip__fader-row">
        <Fader
          label={`${label} fader`}
          valueDb={strip.gainDb}
          disabled={!editable}
          {...bindControl(target, 'gainDb')}
        />
        <LevelMeter name={label} ids={[busMeterId(id)]} store={meters} />
      </div>
    </div>
  );
});
