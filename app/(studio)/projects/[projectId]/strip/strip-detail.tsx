'use client';

import { type CSSProperties, memo, type Ref } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import { useStore } from '../common/use-store';
import { mayWriteTrack } from '../mixer/mixer-model';
import { useLive, useStudio } from '../studio-context';
import { ClipPanel } from './clip-panel';
import { CompPanel } from './comp-panel';
import { EqPanel } from './eq-panel';
import { InsertList } from './insert-list';

export interface StripDetailProps {
  track: MixSnapshot['tracks'][number];
  /** The EQ and compressor sections, for scrolling one into view. */
  eqRef?: Ref<HTMLElement>;
  compRef?: Ref<HTMLElement>;
  onClose(): void;
}

/** The selected strip in full, below the console: its EQ (curve over the live spectrum) and compressor. */
export const StripDetail = memo(function StripDetail({ track, eqRef, compRef, onClose }: StripDetailProps) {
  const { model, playback } = useStudio();
  const { id, name, strip } = track;
  const live = useLive();
  const writable = useStore(model, (s) => mayWriteTrack(s, id));
  const editable = live && writable;
  const sampleRate = useStore(model, (s) => s.mix.meta.sampleRate);
  const meters = playback?.meters ?? null;
  const target = model.track(id);
  return (
    <section className="strip-detail" aria-label={`${name} channel`} style={{ '--track-color': track.color } as CSSProperties}>
      <header className="strip-detail__head">
        <span className="strip-detail__chip" aria-hidden="true" />
        <h3 className="strip-detail__name">{name}</h3>
        {!editable && <span className="strip-detail__note">Read-only</span>}
        <button type="button" className="strip__icon-btn strip-detail__close" aria-label={`Close ${name} channel`} title="Close" onClick={onClose}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <div className="strip-detail__body">
        <section ref={eqRef} className="strip-detail__section strip-detail__section--eq" aria-label={`${name} EQ`}>
          <EqPanel target={target} name={name} eq={strip.eq} sampleRate={sampleRate} spectrum={playback} editable={editable} />
        </section>
        <section ref={compRef} className="strip-detail__section strip-detail__section--comp" aria-label={`${name} compressor`}>
          <CompPanel target={target} name={name} comp={strip.comp} meters={meters} editable={editable} />
        </section>
        {track.stemId && (
          <section className="strip-detail__section strip-detail__section--comp" aria-label={`${name} clip`}>
            <ClipPanel track={track} editable={editable} />
          </section>
        )}
        <section className="strip-detail__section strip-detail__section--comp" aria-label={`${name} inserts`}>
          <InsertList owner={{ kind: 'track', id }} target={target} name={name} inserts={strip.inserts} stemId={track.stemId} sampleRate={sampleRate} editable={editable} />
        </section>
      </div>
    </section>
  );
});
