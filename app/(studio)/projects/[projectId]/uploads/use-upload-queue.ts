'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { type UploadItem, UploadQueue } from './upload-queue';

const NONE: readonly UploadItem[] = [];
const noop = () => () => {};

/** The stem upload queue of a project, for the lifetime of the component; uploads still running are aborted on unmount. */
export function useUploadQueue(projectId: string): { queue: UploadQueue | null; uploads: readonly UploadItem[] } {
  const [queue, setQueue] = useState<UploadQueue | null>(null);
  useEffect(() => {
    const created = new UploadQueue({ projectId });
    setQueue(created);
    return () => {
      created.destroy();
      setQueue(null);
    };
  }, [projectId]);
  const uploads = useSyncExternalStore(
    queue ? queue.subscribe : noop,
    () => queue?.snapshot ?? NONE,
    () => NONE,
  );
  return { queue, uploads };
}
