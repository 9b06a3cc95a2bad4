'use client';

import { type CSSProperties, memo } from 'react';
import type { EqBandName, EqData } from '../../../../../lib/doc';
import type { SpectrumSource } from '../meters/spectrum-source';
import { EQ_BAND_COLORS, EQ_BAND_LABELS, EQ_BAND_TITLES } from './eq-bands';
import { EQ_BAND_NAMES, isPassBand } from './eq-response';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { EqParams, MixTarget, NumericParam } from '../mixer/mix-target';
import { paramSpec } from '../controls/param-spec';
import { EqGraph } from './eq-graph';
import { Knob } from '../controls/knob';
import { ToggleButton } from '../controls/toggle-button';

export interface EqPanelProps {
  /** Whose EQ: a track's, a bus's or the master's (`model.track(id)`, `model.bus(id)`, `model.master()`). */
  target: MixTarget<EqParams>;
  /** How the controls are named: "Bass" gives "Bass EQ peak 1 gain". */
  name: string;
  eq: EqData;
  sampleRate: number;
  spectrum: SpectrumSource | null;
  editable: boolean;
}

const SLOPES = [12, 24] as const;

/** The control path of a band's knob; gain and Q exist on shelves and peaks only (the callers know). */
const eqControl = (b: EqBandName, field: 'freqHz' | 'gainDb' | 'q') => `eq.${b}.${field}` as NumericParam<EqParams>;

/** The six EQ bands of a target, with the response curve (over the live spectrum of a track). */
export const EqPanel = memo(function EqPanel({ target, name, eq, sampleRate, spectrum, editable }: EqPanelProps) {
  const band = (b: EqBandName) => `${name} EQ ${EQ_BAND_LABELS[b]}`;
  return (
    <div className="eq-panel">
      <EqGraph
        // The engine taps the spectrum of tracks only.
        tapTrackId={target.kind === 'track' ? target.id : null}
        name={name}
        eq={eq}
        sampleRate={sampleRate}
        spectrum={spectrum}
        editable={editable}
        onBandEnable={(b) => target.set(`eq.${b}.on`, true)}
        onBandMove={(b, field, value) => target.push(eqControl(b, field), value)}
        onBandRelease={(b) => {
          target.endGesture(eqControl(b, 'freqHz'));
          if (!isPassBand(b)) target.endGesture(eqControl(b, 'gainDb'));
        }}
      />
      <div className="eq-panel__bands">
        {EQ_BAND_NAMES.map((b) => {
          const data = eq[b];
          const knob = (field: 'freqHz' | 'gainDb' | 'q', value: number, caption: string, text: string) => (
            <Knob
              label={`${band(b)} ${text}`}
              caption={caption}
              spec={paramSpec(eqControl(b, field))!}
              value={value}
              disabled={!editable}
              color={EQ_BAND_COLORS[b]}
              {...bindControl(target, eqControl(b, field))}
            />
          );
          return (
            <div
              key={b}
              className="eq-band"
              data-on={data.on}
              role="group"
              aria-label={band(b)}
              style={{ '--band-color': EQ_BAND_COLORS[b] } as CSSProperties}
            >
              <div className="eq-band__head">
                <ToggleButton
                  label={`${band(b)} on`}
                  pressed={data.on}
                  disabled={!editable}
                  variant="power"
                  title={data.on ? 'Band in: click to switch it off' : 'Band off: click to switch it on'}
                  paramPath={paramPathOf(target, `eq.${b}.on`)}
                  onToggle={(on) => target.set(`eq.${b}.on`, on)}
                >
                  <span className="strip__led" aria-hidden="true" />
                </ToggleButton>
                <span className="eq-band__title">{EQ_BAND_TITLES[b]}</span>
              </div>
              {knob('freqHz', data.freqHz, 'Freq', 'frequency')}
              {'slope' in data ? (
                <div className="eq-band__slope" role="radiogroup" aria-label={`${band(b)} slope`}>
                  {SLOPES.map((slope) => (
                    <button
                      key={slope}
                      type="button"
                      role="radio"
                      aria-checked={data.slope === slope}
                      aria-label={`${slope} dB per octave`}
                      disabled={!editable}
                      className="eq-band__slope-btn"
                      onClick={() => target.set(`eq.${b as 'highpass' | 'lowpass'}.slope`, slope)}
                    >
                      {slope}
                    </button>
                  ))}
                  <span className="eq-band__slope-unit" aria-hidden="true">
                    dB/oct
                  </span>
                </div>
              ) : (
                <>
                  {knob('gainDb', data.gainDb, 'Gain', 'gain')}
                  {knob('q', data.q, 'Q', 'Q')}
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});
