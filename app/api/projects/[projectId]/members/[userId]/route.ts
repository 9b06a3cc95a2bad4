import { json, route } from '../../../../../../server/http/route';
import { updateMemberRequest } from '../../../../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const PATCH = route({ body: updateMemberRequest }, async ({ ctx, user, params, body }) =>
  json({
    member: await ctx.services.updateMember({
      userId: user.id,
      projectId: params.projectId,
      memberId: params.userId,
      role: body.role,
    }),
  }),
);

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.services.removeMember({ userId: user.id, projectId: params.projectId, memberId: params.userId });
  return new Response(null, { status: 204 });
});
