'use client';

import { type DragEvent, useEffect, useState } from 'react';
import type { UploadQueue } from '../uploads/upload-queue';

/** Where a drag of files would land: a new track, a given track, or nowhere (not allowed). */
export type DropTarget = { kind: 'new' } | { kind: 'track'; trackId: string } | null;

export interface FileDropOptions {
  queue: UploadQueue | null;
  /** The user may give this track new audio (the lead, or a mixer assigned to it, while live). */
  mayReplace(trackId: string): boolean;
  /** The user may add tracks (the lead, while live). */
  mayAdd: boolean;
}

const hasFiles = (e: { dataTransfer: DataTransfer | null }) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Audio files dragged onto the timeline: a lane the user may replace takes the first file, the
 * rest (or a drop beside the lanes) become new tracks for the lead. `drop` is where the files
 * would land now, for the drop zone and the lane highlight.
 */
export function useFileDrop({ queue, mayReplace, mayAdd }: FileDropOptions) {
  const [drop, setDrop] = useState<DropTarget>(null);

  // A file dropped just beside the timeline must not make the browser leave the page to open it.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const targetOf = (e: DragEvent): DropTarget => {
    const lane = (e.target as Element).closest?.('[data-lane-id]');
    const trackId = lane?.getAttribute('data-lane-id');
    if (trackId && mayReplace(trackId)) return { kind: 'track', trackId };
    return mayAdd ? { kind: 'new' } : null;
  };

  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    const target = targetOf(e);
    if (!target) {
      e.dataTransfer.dropEffect = 'none';
      setDrop(null);
      return;
    }
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDrop((prev) =>
      prev?.kind === target.kind && (prev.kind === 'new' || (target.kind === 'track' && prev.kind === 'track' && prev.trackId === target.trackId))
        ? prev
        : target,
    );
  };

  const handlers = {
    onDragEnter: onDragOver,
    onDragOver,
    onDragLeave(e: DragEvent) {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDrop(null);
    },
    onDrop(e: DragEvent) {
      const files = Array.from(e.dataTransfer?.files ?? []);
      setDrop(null);
      if (files.length === 0 || !queue) return;
      const target = targetOf(e);
      if (!target) return;
      e.preventDefault();
      if (target.kind === 'track') {
        // One file gives a track its audio; any others become new tracks (for the lead).
        queue.add(files.slice(0, 1), target.trackId);
        if (mayAdd && files.length > 1) queue.add(files.slice(1));
      } else {
        queue.add(files);
      }
    },
  };

  return { drop, handlers };
}
