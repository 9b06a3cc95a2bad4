'use client';

import type { CSSProperties, Ref } from 'react';
import type { LoopRange, RemotePlayhead } from '../transport/transport-types';
import { secToX, type TimelineView } from './timeline-view';

export interface TimelineOverlayProps {
  view: TimelineView;
  width: number;
  /** Where the lanes start, from the left edge of the stage. */
  left: number;
  rulerHeight: number;
  loop: LoopRange | null;
  looping: boolean;
  remotePlayheads: readonly RemotePlayhead[];
  /** The local playhead, moved by the animation loop; absent without a transport. */
  playheadRef: Ref<HTMLDivElement> | null;
}

/**
 * What lies over the ruler and the lanes without taking pointer events: the loop region, the
 * other people's playheads with their names on the ruler, and the local playhead. The ruler (a
 * slider) and presence already tell assistive technology what this shows.
 */
export function TimelineOverlay({ view, width, left, rulerHeight, loop, looping, remotePlayheads, playheadRef }: TimelineOverlayProps) {
  const inView = (x: number) => x >= -1 && x <= width + 1;
  return (
    <div className="timeline__overlay" aria-hidden="true" style={{ left, width, ['--ruler-height' as string]: `${rulerHeight}px` } as CSSProperties}>
      {loop && (
        <div
          className={`timeline__loop${looping ? ' timeline__loop--on' : ''}`}
          style={{ left: secToX(view, loop.startSec), width: Math.max(1, (loop.endSec - loop.startSec) * view.pxPerSec) }}
        />
      )}
      {remotePlayheads.map((p) => {
        const x = secToX(view, p.sec);
        if (!inView(x)) return null;
        return (
          <div key={p.id} className="timeline__remote-playhead" style={{ transform: `translateX(${x}px)`, ['--who' as string]: p.color } as CSSProperties}>
            <span className="timeline__remote-flag">{p.name}</span>
          </div>
        );
      })}
      {playheadRef && <div ref={playheadRef} className="timeline__playhead" data-testid="playhead" />}
    </div>
  );
}
