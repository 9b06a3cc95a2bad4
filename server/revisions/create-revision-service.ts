import { getActivity, getBlame } from '../activity/activity';
import { bind } from '../services/create-services';
import { readRender, readRenderPeaks, type RevisionContext } from './revision-renders';
import { createRevision, deleteRevision, diffRevisions, getRevision, listRevisions, restoreRevision } from './revisions';

/** The revision, activity and blame use cases bound to their context, for route handlers. */
export function createRevisionService(ctx: RevisionContext) {
  return bind(ctx, { createRevision, listRevisions, getRevision, deleteRevision, restoreRevision, diffRevisions, readRender, readRenderPeaks, getActivity, getBlame });
}

export type RevisionService = ReturnType<typeof createRevisionService>;
