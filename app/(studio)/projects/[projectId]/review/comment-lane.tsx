'use client';

import { useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import type { Marker } from './comment-markers';
import { formatTimecode } from './timecode';

/** The marks over the waveform: a line per comment, a band per range, in the author's colour. */
export function MarkerOverlay({ markers, pending, durationSec }: { markers: readonly Marker[]; pending: { atSec: number; endSec: number | null } | null; durationSec: number }) {
  const share = (sec: number) => `${Math.min(100, Math.max(0, (sec / Math.max(durationSec, 0.001)) * 100))}%`;
  return (
    <div className="marks" aria-hidden="true">
      {markers.map((m) => (
        <span
          key={m.id}
          className={`marks__mark${m.width > 0 ? ' marks__mark--range' : ''}${m.resolved ? ' marks__mark--resolved' : ''}`}
          data-comment-mark={m.id}
          style={{ left: `${m.left * 100}%`, width: m.width > 0 ? `${m.width * 100}%` : undefined, '--mark-color': m.color } as CSSProperties}
        />
      ))}
      {pending && (
        <span
          className={`marks__mark marks__mark--pending${pending.endSec !== null ? ' marks__mark--range' : ''}`}
          style={{ left: share(pending.atSec), width: pending.endSec !== null ? `calc(${share(pending.endSec)} - ${share(pending.atSec)})` : undefined }}
        />
      )}
    </div>
  );
}

export interface CommentLaneProps {
  markers: readonly Marker[];
  /** Labels of the marks, by comment id ("Comment by Rita at 0:42: the bass..."). */
  labels: ReadonlyMap<string, string>;
  durationSec: number;
  currentId: string | null;
  /** A click picks a time, a drag a range, for a new comment. */
  onPick(atSec: number, endSec: number | null): void;
  onOpen(commentId: string): void;
}

/** A drag shorter than this is a click. */
const CLICK_PX = 4;

/**
 * The strip under the waveform: a pin per comment (click one to go to it) on as many rows as
 * marks close together need; a click on the strip itself starts a comment at that time, a drag
 * starts one on that range.
 */
export function CommentLane({ markers, labels, durationSec, currentId, onPick, onOpen }: CommentLaneProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ fromPx: number; toPx: number; width: number } | null>(null);
  const toSec = (px: number, width: number) => Math.min(durationSec, Math.max(0, (px / Math.max(width, 1)) * durationSec));
  const rows = Math.max(1, ...markers.map((m) => m.row + 1));

  const pointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = ref.current!.getBoundingClientRect();
    return { px: Math.min(box.width, Math.max(0, e.clientX - box.left)), width: box.width };
  };

  return (
    <div
      ref={ref}
      className="comment-lane"
      style={{ '--lane-rows': rows } as CSSProperties}
      title="Click to comment at a time, drag to comment on a range"
      onPointerDown={(e) => {
        if (e.button !== 0 || (e.target as Element).closest('button')) return;
        const { px, width } = pointer(e);
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ fromPx: px, toPx: px, width });
      }}
      onPointerMove={(e) => {
        if (drag) setDrag({ ...drag, toPx: pointer(e).px });
      }}
      onPointerUp={() => {
        if (!drag) return;
        setDrag(null);
        const a = Math.min(drag.fromPx, drag.toPx);
        const b = Math.max(drag.fromPx, drag.toPx);
        if (b - a < CLICK_PX) onPick(toSec(drag.fromPx, drag.width), null);
        else onPick(toSec(a, drag.width), toSec(b, drag.width));
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {drag && Math.abs(drag.toPx - drag.fromPx) >= CLICK_PX && (
        <span className="comment-lane__selection" style={{ left: Math.min(drag.fromPx, drag.toPx), width: Math.abs(drag.toPx - drag.fromPx) }} aria-hidden="true">
          <span className="comment-lane__selection-text">
            {formatTimecode(toSec(Math.min(drag.fromPx, drag.toPx), drag.width))}–{formatTimecode(toSec(Math.max(drag.fromPx, drag.toPx), drag.width))}
          </span>
        </span>
      )}
      {markers.map((m) => (
        <button
          key={m.id}
          type="button"
          className={`comment-lane__pin${m.width > 0 ? ' comment-lane__pin--range' : ''}${m.resolved ? ' comment-lane__pin--resolved' : ''}${m.id === currentId ? ' comment-lane__pin--current' : ''}`}
          style={{ left: `${m.left * 100}%`, width: m.width > 0 ? `${m.width * 100}%` : undefined, top: `calc(${m.row} * var(--lane-row))`, '--mark-color': m.color } as CSSProperties}
          aria-label={labels.get(m.id) ?? 'Comment'}
          title={labels.get(m.id)}
          onClick={() => onOpen(m.id)}
        />
      ))}
    </div>
  );
}
