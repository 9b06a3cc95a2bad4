import { route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.services.deleteApiToken({ userId: user.id, tokenId: params.tokenId });
  return new Response(null, { status: 204 });
});
