'use client';

import { memo, useState } from 'react';
import { MAX_NAME_CHARS, type MixSnapshot } from '../../../../../lib/doc';
import { useStore } from '../common/use-store';
import { BUS_KIND_NAMES, mayManageBuses } from '../mixer/mixer-model';
import { useLive, useStudio } from '../studio-context';
import { BusEffectPanel } from './bus-effect-panel';
import { CompPanel } from './comp-panel';
import { DeleteTrackButton } from './delete-track-button';
import { EqPanel } from './eq-panel';
import { InsertList } from './insert-list';

export interface BusDetailProps {
  bus: MixSnapshot['buses'][number];
  index: number;
  count: number;
  onClose(): void;
}

/**
 * The selected bus in full: its effect (reverb or delay), EQ, compressor and inserts, and for the
 * lead, renaming, moving and deleting it (a deleted bus takes its sends and routings with it).
 */
export const BusDetail = memo(function BusDetail({ bus, index, count, onClose }: BusDetailProps) {
  const { model, playback } = useStudio();
  const live = useLive();
  const readOnly = useStore(model, (s) => s.readOnly.buses.has(bus.id));
  const manage = useStore(model, mayManageBuses) && live;
  const editable = live && !readOnly;
  const sampleRate = useStore(model, (s) => s.mix.meta.sampleRate);
  const target = model.bus(bus.id);
  const label = `${bus.name} bus`;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(bus.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="strip-detail strip-detail--bus" aria-label={`${label} detail`}>
      <header className="strip-detail__head">
        <span className="strip-detail__chip" aria-hidden="true" />
        {renaming ? (
          <form
            className="bus-detail__rename"
            onSubmit={(e) => {
              e.preventDefault();
              const failed = model.renameBus(bus.id, name.trim());
              if (failed) return setError(failed);
              setRenaming(false);
              setError(null);
            }}
          >
            <input
              className="input input--sm"
              aria-label={`New name of ${label}`}
              value={name}
              maxLength={MAX_NAME_CHARS}
              autoFocus
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
            />
            <button type="submit" className="button button--sm button--primary">
              Rename
            </button>
            {error && <span className="field__error">{error}</span>}
          </form>
        ) : (
          <h3 className="strip-detail__name">{bus.name}</h3>
        )}
        <span className="strip-detail__note">{BUS_KIND_NAMES[bus.kind]} bus</span>
        {!editable && <span className="strip-detail__note">Read-only</span>}
        {manage && !renaming && (
          <span className="bus-detail__tools">
            <button type="button" className="strip__icon-btn" aria-label={`Move ${label} left`} title="Move left" disabled={index === 0} onClick={() => model.moveBus(bus.id, -1)}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M10 3.5 5.5 8l4.5 4.5" />
              </svg>
            </button>
            <button type="button" className="strip__icon-btn" aria-label={`Move ${label} right`} title="Move right" disabled={index === count - 1} onClick={() => model.moveBus(bus.id, 1)}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M6 3.5 10.5 8 6 12.5" />
              </svg>
            </button>
            <button
              type="button"
              className="strip__icon-btn"
              aria-label={`Rename ${label}`}
              title="Rename"
              onClick={() => {
                setName(bus.name);
                setRenaming(true);
              }}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M3 13l.5-2.5L10.5 3.5l2 2-7 7L3 13zM9.5 4.5l2 2" />
              </svg>
            </button>
            <DeleteTrackButton trackName={label} disabled={!live} onDelete={() => model.deleteBus(bus.id)} />
          </span>
        )}
        <button type="button" className="strip__icon-btn strip-detail__close" aria-label={`Close ${label}`} title="Close" onClick={onClose}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <div className="strip-detail__body">
        {bus.kind !== 'group' && (
          <section className="strip-detail__section strip-detail__section--comp" aria-label={`${label} ${bus.kind}`}>
            <BusEffectPanel bus={bus} target={target} editable={editable} />
          </section>
        )}
        <section className="strip-detail__section strip-detail__section--comp" aria-label={`${label} inserts`}>
          <InsertList owner={{ kind: 'bus', id: bus.id }} target={target} name={label} inserts={bus.strip.inserts} sampleRate={sampleRate} editable={editable} />
        </section>
        <section className="strip-detail__section strip-detail__section--eq" aria-label={`${label} EQ`}>
          <EqPanel target={target} name={label} eq={bus.strip.eq} sampleRate={sampleRate} spectrum={playback} editable={editable} />
        </section>
        <section className="strip-detail__section strip-detail__section--comp" aria-label={`${label} compressor`}>
          <CompPanel target={target} name={label} comp={bus.strip.comp} meters={playback?.meters ?? null} editable={editable} />
        </section>
      </div>
    </section>
  );
});
