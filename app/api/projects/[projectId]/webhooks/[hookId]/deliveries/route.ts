import { json, route } from '../../../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) =>
  json({ deliveries: await ctx.review.listDeliveries({ userId: user.id, projectId: params.projectId, hookId: params.hookId }) }),
);
