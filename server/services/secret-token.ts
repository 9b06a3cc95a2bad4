import crypto from 'node:crypto';

/** A random secret with a readable prefix, and the SHA-256 under which it is stored. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function newId(): string {
  return crypto.randomUUID();
}
