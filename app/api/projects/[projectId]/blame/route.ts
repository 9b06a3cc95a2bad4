import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params, req }) => {
  const path = new URL(req.url).searchParams.get('path') ?? undefined;
  return json({ blame: await ctx.revisions.getBlame({ userId: user.id, projectId: params.projectId, path }) });
});
