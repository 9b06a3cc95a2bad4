import { blobResponse } from '../../../../../server/http/blob-response';
import { route } from '../../../../../server/http/route';
import { renderKindParam } from '../../../../../server/http/render-kind';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params, req }) => {
  const kind = renderKindParam(new URL(req.url).searchParams.get('kind') ?? 'mix');
  return blobResponse(await ctx.revisions.readRenderPeaks({ userId: user.id, revisionId: params.revisionId, kind }), req.method);
});
