import * as Y from 'yjs';
import type { Change } from './changes';

/** Why an edit of a mastering-only project's document is refused (SPEC M1), with its path. */
export interface MasteringOnlyRefusal {
  path: string;
  message: string;
}

const trackCount = (doc: Y.Doc): number => {
  const tracks = doc.share.get('tracks');
  return tracks instanceof Y.Map ? tracks.size : 0;
};

/**
 * SPEC M1: a mastering-only project has exactly one track, its stereo mix. Nobody adds or deletes
 * a track, but the server's own edit (`fromServer`: the upload that makes the project) adds the
 * one track to a document that has none. No client points it at other audio (`stemId`): the
 * server does, for an upload it checked to be stereo or a restored revision.
 */
export function checkMasteringOnly(changes: readonly Change[], before: Y.Doc, after: Y.Doc, fromServer: boolean): MasteringOnlyRefusal | undefined {
  for (const change of changes) {
    const [root, , field] = change.segments;
    if (root !== 'tracks') continue;
    if (change.segments.length === 2) {
      const addsTheOne = fromServer && change.kind === 'set' && trackCount(before) === 0 && trackCount(after) === 1;
      if (!addsTheOne) {
        return {
          path: change.path,
          message: `a mastering-only project has exactly one track, its stereo mix: tracks are neither added nor deleted (M1)`,
        };
      }
    } else if (change.segments.length === 3 && field === 'stemId' && !fromServer) {
      return { path: change.path, message: 'the source of a mastering-only project changes only by uploading a new stereo mix onto its track (M1)' };
    }
  }
  return undefined;
}
