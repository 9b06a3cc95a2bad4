'use client';

import { GAIN_FLOOR_DB, type MixSnapshot } from '../../../../../lib/doc';
import { bindControl } from './bind-control';
import type { MixerModel } from '../mixer/mixer-model';
import { SEND_LEVEL_SPEC } from '../controls/param-spec';
import { Knob } from '../controls/knob';
import { ToggleButton } from '../controls/toggle-button';

export interface StripSendsProps {
  model: MixerModel;
  trackId: string;
  name: string;
  sends: MixSnapshot['tracks'][number]['strip']['sends'];
  buses: MixSnapshot['buses'];
  disabled: boolean;
}

/**
 * A level knob and a pre/post switch per bus. A bus the track has no send to shows -∞; turning
 * the knob (or switching it to pre-fader) creates the send.
 */
export function StripSends({ model, trackId, name, sends, buses, disabled }: StripSendsProps) {
  return (
    <ul className="strip__sends" aria-label={`${name} sends`}>
      {buses.map((bus) => {
        const send = sends[bus.id];
        const label = `${name} send ${bus.name}`;
        return (
          <li key={bus.id} className="strip__send">
            <Knob
              label={label}
              spec={SEND_LEVEL_SPEC}
              value={send?.levelDb ?? GAIN_FLOOR_DB}
              disabled={disabled}
              size="sm"
              {...bindControl(model, trackId, `send:${bus.id}:levelDb`)}
            />
            <div className="strip__send-side">
              <span className="strip__send-name" title={`${bus.name} (${bus.kind})`}>
                {bus.name}
              </span>
              <ToggleButton
                label={`${label} pre-fader`}
                pressed={send?.pre ?? false}
                disabled={disabled}
                variant="pre"
                title={send?.pre ? 'Pre-fader: the send ignores the fader. Click for post-fader.' : 'Post-fader: click for pre-fader'}
                onToggle={(pre) => {
                  // A send that does not exist yet would appear at its default 0 dB: create it silent.
                  if (!send) model.set(trackId, `send:${bus.id}:levelDb`, GAIN_FLOOR_DB);
                  model.set(trackId, `send:${bus.id}:pre`, pre);
                }}
              >
                Pre
              </ToggleButton>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
