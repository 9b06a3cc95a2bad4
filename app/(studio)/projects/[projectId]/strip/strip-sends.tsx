'use client';

import { GAIN_FLOOR_DB, type MixSnapshot } from '../../../../../lib/doc';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { TrackTarget } from '../mixer/mix-target';
import { SEND_LEVEL_SPEC } from '../controls/param-spec';
import { Knob } from '../controls/knob';
import { ToggleButton } from '../controls/toggle-button';

export interface StripSendsProps {
  target: TrackTarget;
  name: string;
  sends: MixSnapshot['tracks'][number]['strip']['sends'];
  buses: MixSnapshot['buses'];
  disabled: boolean;
}

/**
 * A level knob and a pre/post switch per bus. A bus the track has no send to shows -∞; turning
 * the knob (or switching it to pre-fader) creates the send.
 */
export function StripSends({ target, name, sends, buses, disabled }: StripSendsProps) {
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
              {...bindControl(target, `send:${bus.id}:levelDb`)}
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
                paramPath={paramPathOf(target, `send:${bus.id}:pre`)}
                onToggle={(pre) => {
                  // A send that does not exist yet would appear at its default 0 dB: create it silent.
                  if (!send) target.set(`send:${bus.id}:levelDb`, GAIN_FLOOR_DB);
                  target.set(`send:${bus.id}:pre`, pre);
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
