import { blobResponse } from '../../../../../server/http/blob-response';
import { route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params, req }) =>
  blobResponse(await ctx.references.readReferenceAudio({ userId: user.id, referenceId: params.referenceId, range: req.headers.get('range') }), req.method),
);
