import { markReadRequest } from '../../../../../lib/api/dto';
import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json({ unread: await ctx.review.getUnread({ userId: user.id, projectId: params.projectId }) }));

export const POST = route({ body: markReadRequest }, async ({ ctx, user, params, body }) =>
  json({ unread: await ctx.review.markRead({ userId: user.id, projectId: params.projectId, ...body }) }),
);
