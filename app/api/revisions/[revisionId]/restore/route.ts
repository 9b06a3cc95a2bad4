import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const POST = route({}, async ({ ctx, user, params }) => json(await ctx.revisions.restoreRevision({ userId: user.id, revisionId: params.revisionId })));
