import { createRevisionRequest } from '../../../../../lib/api/dto';
import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ revisions: await ctx.revisions.listRevisions({ userId: user.id, projectId: params.projectId }) }),
);

export const POST = route({ body: createRevisionRequest }, async ({ ctx, user, params, body }) =>
  json({ revision: await ctx.revisions.createRevision({ userId: user.id, projectId: params.projectId, ...body }) }, 201),
);
