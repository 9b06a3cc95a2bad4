import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SecurityHeadersOptions {
  /** The app's origin: HSTS is sent when it is https. */
  publicUrl: string;
  /** Next's dev mode evaluates code (React's dev tools, hot reload): allowed only there. */
  dev: boolean;
}

/**
 * The Content-Security-Policy of every response. Scripts: our own files and Next's inline scripts
 * carrying this response's nonce (Next reads it from the request's own CSP header). Workers and the
 * AudioWorklet are our own files; Tone.js runs its clock in a worker made from a blob. Styles
 * allow inline: React writes `style` attributes (meters, faders), which carry no nonce.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What the app never uses: no page may ask for it. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), midi=()';

/**
 * Sets the security headers on `res` for every response (pages, API, uploads, audio), and the CSP
 * on `req` too, so that Next puts the same nonce on the scripts it renders.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityHeadersOptions): void {
  const policy = contentSecurityPolicy(crypto.randomBytes(16).toString('base64'), options.dev);
  // Overwritten, never taken from the client: a request's own CSP header would choose the nonce.
  req.headers['content-security-policy'] = policy;
  delete req.headers['content-security-policy-report-only'];
  res.setHeader('Content-Security-Policy', policy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // Invite links carry their token in the path: never sent to another site.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (options.publicUrl.startsWith('https:')) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
