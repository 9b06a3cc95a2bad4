import { reviewDecisionRequest } from '../../../../../lib/api/dto';
import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json({ review: await ctx.review.getReview({ userId: user.id, projectId: params.projectId }) }));

export const POST = route({ body: reviewDecisionRequest }, async ({ ctx, user, params, body }) =>
  json({ review: await ctx.review.decideReview({ userId: user.id, projectId: params.projectId, ...body }) }),
);
