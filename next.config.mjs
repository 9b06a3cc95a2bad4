/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Route handlers reach the server's handles through the app context; these must never be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'ws'],
  // `npm run typecheck` checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Security headers (CSP with nonces, nosniff, frame and referrer policies) are set for every
  // response by our own server: server/http/security-headers.ts.
};

export default nextConfig;
