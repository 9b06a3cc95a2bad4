import { json, route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, params }) => json({ invite: await ctx.services.previewInvite({ token: params.token }) }));
