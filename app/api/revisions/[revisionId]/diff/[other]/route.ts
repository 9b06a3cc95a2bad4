import { json, route } from '../../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ diff: await ctx.revisions.diffRevisions({ userId: user.id, from: params.revisionId, to: params.other }) }),
);
