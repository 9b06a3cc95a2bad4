import { createCommentRequest } from '../../../../../lib/api/dto';
import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json({ comments: await ctx.review.listComments({ userId: user.id, revisionId: params.revisionId }) }));

export const POST = route({ body: createCommentRequest }, async ({ ctx, user, params, body }) =>
  json({ comment: await ctx.review.createComment({ userId: user.id, revisionId: params.revisionId, ...body }) }, 201),
);
