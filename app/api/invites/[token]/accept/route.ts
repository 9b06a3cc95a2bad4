import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const POST = route({}, async ({ ctx, user, params }) =>
  json({ project: await ctx.services.acceptInvite({ userId: user.id, token: params.token }) }),
);
