import { json, route } from '../../../server/http/route';
import { createTokenRequest } from '../../../lib/api/dto';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user }) => json({ tokens: await ctx.services.listApiTokens({ userId: user.id }) }));

export const POST = route({ body: createTokenRequest }, async ({ ctx, user, body }) => {
  const created = await ctx.services.createApiToken({ userId: user.id, ...body });
  return json(created, 201);
});
