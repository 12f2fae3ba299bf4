import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret or token: 256 random bits, base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A public client id: 128 random bits, hex. */
export function generateClientId(): string {
  return randomBytes(16).toString('hex');
}

/** What is stored in place of a secret or token. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in time independent of where they differ. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
