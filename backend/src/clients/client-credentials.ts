import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** The public client id: `qg_` + 20 random base32 characters (100 bits). */
export function generateClientId(): string {
  const bytes = randomBytes(20);
  let out = 'qg_';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** A client secret: 32 random bytes, base64url (43 characters). Shown once, stored hashed. */
export const generateClientSecret = (): string => randomBytes(32).toString('base64url');
