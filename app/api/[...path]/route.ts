export const dynamic = 'force-dynamic';

function notFound(req: Request): Response {
  const { pathname } = new URL(req.url);
  return Response.json(
    { error: { code: 'not_found', message: `no API route ${req.method} ${pathname}` } },
    { status: 404, headers: { 'cache-control': 'no-store' } },
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
