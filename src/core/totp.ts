/** Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1 for authenticator compatibility) and recovery codes. */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return totp(secret, issuer, account).toString();
}

export function timeStep(now: number): number {
  return Math.floor(now / 1000 / PERIOD);
}

/**
 * Checks a code within ±1 step of clock drift and returns the step it belongs to, or null. A code whose step is not
 * after `lastStep` is refused: each code works once only, and an older one never works after a newer one.
 */
export function matchTotp(secret: string, code: string, now: number, lastStep: number): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, 'x', 'x').validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = timeStep(now) + delta;
  return step > lastStep ? step : null;
}

/** The current code, for operators' tests and the demo printout. */
export function currentTotp(secret: string, now: number): string {
  return totp(secret, 'x', 'x').generate({ timestamp: now });
}

const codeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes of 12 characters (about 59 bits each), grouped as `xxxx-xxxx-xxxx` for reading aloud. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Lower-case, without spaces or dashes, so that a code typed in any grouping matches. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}
