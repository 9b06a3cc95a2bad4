import { json, route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json(await ctx.revisions.getRevision({ userId: user.id, revisionId: params.revisionId })));

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.revisions.deleteRevision({ userId: user.id, revisionId: params.revisionId });
  return new Response(null, { status: 204 });
});
