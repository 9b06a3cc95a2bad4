'use client';

import { type CSSProperties, memo, type Ref, useMemo } from 'react';
import { useStore } from '../common/use-store';
import type { Person } from '../presence/presence-model';
import { useStudio } from '../studio-context';
import type { LoopRange } from '../transport/transport-types';
import { secToX, type TimelineView } from './timeline-view';

export interface TimelineOverlayProps {
  view: TimelineView;
  width: number;
  /** Where the lanes start, from the left edge of the stage. */
  left: number;
  rulerHeight: number;
  loop: LoopRange | null;
  looping: boolean;
  /** The local playhead, moved by the animation loop; absent without a transport. */
  playheadRef: Ref<HTMLDivElement> | null;
}

/**
 * What lies over the ruler and the lanes without taking pointer events: the loop region, the
 * other people's playheads with their names on the ruler, the quality report's findings of the
 * last master export (listed in words beside Export master), and the local playhead. The ruler (a
 * slider) and presence already tell assistive technology what this shows.
 */
export const TimelineOverlay = memo(function TimelineOverlay({ view, width, left, rulerHeight, loop, looping, playheadRef }: TimelineOverlayProps) {
  // The other people's playheads: only this layer renders as they move.
  const { presence, analysis } = useStudio();
  const others = useStore(presence);
  // The findings of the last master export (or analysis) that have a place: markers on the ruler.
  const qc = useStore(analysis, (s) => s.last?.qc ?? null);
  const findings = useMemo(() => (qc ?? []).filter((q) => q.atSec !== undefined), [qc]);
  const remotePlayheads = useMemo(() => others.filter((p): p is Person & { playhead: number } => p.playhead !== null), [others]);
  const inView = (x: number) => x >= -1 && x <= width + 1;
  return (
    <div className="timeline__overlay" aria-hidden="true" style={{ left, width, ['--ruler-height' as string]: `${rulerHeight}px` } as CSSProperties}>
      {loop && (
        <div
          className={`timeline__loop${looping ? ' timeline__loop--on' : ''}`}
          style={{ left: secToX(view, loop.startSec), width: Math.max(1, (loop.endSec - loop.startSec) * view.pxPerSec) }}
        />
      )}
      {remotePlayheads.map(({ user, playhead }) => {
        const x = secToX(view, playhead);
        if (!inView(x)) return null;
        return (
          <div key={user.id} className="timeline__remote-playhead" style={{ transform: `translateX(${x}px)`, ['--who' as string]: user.color } as CSSProperties}>
            <span className="timeline__remote-flag">{user.name}</span>
          </div>
        );
      })}
      {findings.map((q, k) => {
        const x = secToX(view, q.atSec!);
        if (!inView(x)) return null;
        return (
          <div key={k} className="timeline__qc" data-qc-code={q.code} data-severity={q.severity} style={{ transform: `translateX(${x}px)` }} title={`QC: ${q.message}`} />
        );
      })}
      {playheadRef && <div ref={playheadRef} className="timeline__playhead" data-testid="playhead" />}
    </div>
  );
});
