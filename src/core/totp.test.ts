import { describe, expect, it } from 'vitest';
import { currentTotp, matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, timeStep, totpUri } from './totp.ts';

const now = Date.parse('2026-05-01T10:00:10Z');

describe('TOTP', () => {
  it('accepts the current code once, and not an older one after it', () => {
    const secret = newTotpSecret();
    const code = currentTotp(secret, now);
    const step = matchTotp(secret, code, now, 0);
    expect(step).toBe(timeStep(now));
    expect(matchTotp(secret, code, now, step!)).toBeNull();
    expect(matchTotp(secret, currentTotp(secret, now - 30_000), now, step!)).toBeNull();
  });

  it('tolerates one step of drift, not more, and refuses malformed codes', () => {
    const secret = newTotpSecret();
    expect(matchTotp(secret, currentTotp(secret, now - 30_000), now, 0)).toBe(timeStep(now) - 1);
    expect(matchTotp(secret, currentTotp(secret, now - 90_000), now, 0)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, 0)).toBeNull();
    expect(matchTotp(secret, '12345', now, 0)).toBeNull();
  });

  it('builds an otpauth URI and readable recovery codes', () => {
    expect(totpUri('JBSWY3DPEHPK3PXP', 'Office', 'a@x.example')).toMatch(/^otpauth:\/\/totp\/Office:a%40x\.example\?/);
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normaliseRecoveryCode(' ABCD-efgh jkmn ')).toBe('abcdefghjkmn');
  });
});
