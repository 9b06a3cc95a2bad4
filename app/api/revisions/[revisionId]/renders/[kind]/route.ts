import { blobResponse } from '../../../../../../server/http/blob-response';
import { route } from '../../../../../../server/http/route';
import { renderKindParam } from '../../../../../../server/http/render-kind';

export const dynamic = 'force-dynamic';

// PUT (the upload) is served by our own server before Next: server/revisions/render-upload-handler.ts.
export const GET = route({}, async ({ ctx, user, params, req }) =>
  blobResponse(
    await ctx.revisions.readRender({ userId: user.id, revisionId: params.revisionId, kind: renderKindParam(params.kind), range: req.headers.get('range') }),
    req.method,
  ),
);
