import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ ctx, user, params }) => json(await ctx.stems.getProjectMix({ userId: user.id, projectId: params.projectId })));
