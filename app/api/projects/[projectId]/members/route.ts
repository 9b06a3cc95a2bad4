import { json, route } from '../../../../../server/http/route';
import { addMemberRequest } from '../../../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ members: await ctx.services.listMembers({ userId: user.id, projectId: params.projectId }) }),
);

export const POST = route({ body: addMemberRequest }, async ({ ctx, user, params, body }) =>
  json({ member: await ctx.services.addMember({ userId: user.id, projectId: params.projectId, ...body }) }, 201),
);
