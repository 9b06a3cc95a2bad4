import { route } from '../../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.services.revokeInvite({ userId: user.id, projectId: params.projectId, inviteId: params.inviteId });
  return new Response(null, { status: 204 });
});
