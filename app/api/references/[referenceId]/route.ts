import { route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route({}, async ({ ctx, user, params }) => {
  await ctx.references.deleteReference({ userId: user.id, referenceId: params.referenceId });
  return new Response(null, { status: 204 });
});
