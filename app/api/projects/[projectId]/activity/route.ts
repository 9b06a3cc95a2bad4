import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params, req }) => {
  const query = new URL(req.url).searchParams;
  const limit = query.has('limit') ? Number(query.get('limit')) : undefined;
  return json(await ctx.revisions.getActivity({ userId: user.id, projectId: params.projectId, cursor: query.get('cursor') ?? undefined, limit }));
});
