import { z } from 'zod';

// Runs in the browser before any of the app's modules (Next.js instrumentation-client). The pages'
// Content-Security-Policy allows no eval: without this, zod probes `new Function` the first time a
// schema is built or parsed (a reported CSP violation, on pages whose modules load before
// app/providers.tsx) and then parses without its compiled fast path anyway.
z.config({ jitless: true });
