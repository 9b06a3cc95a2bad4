import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json(await ctx.stems.getStem({ userId: user.id, stemId: params.stemId })));
