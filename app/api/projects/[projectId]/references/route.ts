import { json, route } from '../../../../../server/http/route';

export const dynamic = 'force-dynamic';

/** The project's reference tracks (uploads are `POST` here, served by our server before Next). */
export const GET = route({}, async ({ ctx, user, params }) => json(await ctx.references.listReferences({ userId: user.id, projectId: params.projectId })));
