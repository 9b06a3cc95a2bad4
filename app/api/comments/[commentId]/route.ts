import { updateCommentRequest } from '../../../../lib/api/dto';
import { json, route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const PATCH = route({ body: updateCommentRequest }, async ({ ctx, user, params, body }) =>
  json({ comment: await ctx.review.updateComment({ userId: user.id, commentId: params.commentId, ...body }) }),
);

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.review.deleteComment({ userId: user.id, commentId: params.commentId });
  return new Response(null, { status: 204 });
});
