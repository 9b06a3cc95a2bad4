import { route } from '../../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.review.deleteWebhook({ userId: user.id, projectId: params.projectId, hookId: params.hookId });
  return new Response(null, { status: 204 });
});
