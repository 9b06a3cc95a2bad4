import { createWebhookRequest } from '../../../../../lib/api/dto';
import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json({ webhooks: await ctx.review.listWebhooks({ userId: user.id, projectId: params.projectId }) }));

export const POST = route({ body: createWebhookRequest }, async ({ ctx, user, params, body }) =>
  json({ webhook: await ctx.review.createWebhook({ userId: user.id, projectId: params.projectId, ...body }) }, 201),
);
