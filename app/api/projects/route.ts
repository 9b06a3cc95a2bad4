import { json, route } from '../../../server/http/route';
import { createProjectRequest } from '../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user }) => json({ projects: await ctx.services.listProjects({ userId: user.id }) }));

export const POST = route({ body: createProjectRequest }, async ({ ctx, user, body }) =>
  json({ project: await ctx.services.createProject({ userId: user.id, name: body.name, kind: body.kind }) }, 201),
);
