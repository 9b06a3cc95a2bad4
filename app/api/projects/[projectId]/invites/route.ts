import { json, route } from '../../../../../server/http/route';
import { createInviteRequest } from '../../../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ invites: await ctx.services.listInvites({ userId: user.id, projectId: params.projectId }) }),
);

export const POST = route({ body: createInviteRequest }, async ({ ctx, user, params, body }) =>
  json(await ctx.services.createInvite({ userId: user.id, projectId: params.projectId, ...body }), 201),
);
