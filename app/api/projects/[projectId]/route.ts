import { json, route } from '../../../../server/http/route';
import { updateProjectRequest } from '../../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ project: await ctx.services.getProject({ userId: user.id, projectId: params.projectId }) }),
);

export const PATCH = route({ body: updateProjectRequest }, async ({ ctx, user, params, body }) =>
  json({ project: await ctx.services.updateProject({ userId: user.id, projectId: params.projectId, name: body.name }) }),
);

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.services.deleteProject({ userId: user.id, projectId: params.projectId });
  return new Response(null, { status: 204 });
});
