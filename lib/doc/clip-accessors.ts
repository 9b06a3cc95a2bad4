import type * as Y from 'yjs';
import { CLIP_SHAPE } from './clip-schema';
import { type ParamPath, type ParamValue, writeParam } from './param-path';
import { childMap, getTrackMap } from './roots';
import type { ClipData } from './types';

/** Clip parameters settable with `setClipParam`: `gainDb`, `trimStartSec`, `fadeIn.curve`, ... */
export type ClipParam = ParamPath<ClipData>;

/** Sets one parameter of a track's clip (SPEC L20); the clip's place on the timeline is the track's `offsetSec`. */
export function setClipParam<P extends ClipParam>(doc: Y.Doc, trackId: string, param: P, value: ParamValue<ClipData, P>, origin?: unknown): void {
  const track = getTrackMap(doc, trackId);
  doc.transact(() => writeParam(childMap(track, 'clip'), CLIP_SHAPE, param.split('.'), value), origin);
}
