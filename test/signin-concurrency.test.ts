import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../src/core/errors.ts';
import { accountPolicy, addressPolicy, mfaPolicy } from '../src/core/throttle.ts';
import { resolveSession } from '../src/services/sessions/resolve-session.ts';
import { signIn } from '../src/services/sessions/sign-in.ts';
import { verifyTotp } from '../src/services/sessions/verify-totp.ts';
import { TOTP, Secret } from 'otpauth';
import type { Store } from '../src/storage/db.ts';
import { activeUser, agency, meta } from './account-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const now = new Date();
/** Every admitted wrong password is one argon2 evaluation, audited as bad_credentials. */
const evaluatedWrong = async (store: Store, userId: string) =>
  (await store.db.selectFrom('audit_log').select('details').where('action', '=', 'signin.failure').where('user_id', '=', userId).execute()).filter((r) =>
    r.details?.includes('bad_credentials'),
  ).length;

const mfaFree = mfaPolicy.kind === 'backoff' ? mfaPolicy.free : 0;
const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => e.code);

describe.each(dialects)('sign-in throttling under concurrency on %s', (dialect) => {
  let store: Store;
  let agencyId: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    agencyId = await agency(store.db, now);
  });
  afterAll(async () => store.close());

  it('evaluates at most the free tries of 30 concurrent wrong passwords, then refuses the right one', async () => {
    const u = await activeUser(store.db, agencyId, ['officer'], now);
    const ip = (i: number) => `203.0.113.${i}`;
    const wrong = Array.from({ length: 30 }, (_, i) => outcome(signIn(store.db, { email: u.email, password: `wrong guess ${i}` }, meta(now, ip(i)))));
    const results = await Promise.all(wrong);
    // The attempt that reaches the lock is still admitted (as when tried one after another): free + 1 evaluations.
    const allowed = accountPolicy.kind === 'backoff' ? accountPolicy.free + 1 : 0;
    expect(results.filter((r) => r === 'unauthenticated')).toHaveLength(allowed);
    expect(results.filter((r) => r === 'rate_limited')).toHaveLength(30 - allowed);
    expect(await evaluatedWrong(store, u.id)).toBe(allowed);

    const mixed = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => outcome(signIn(store.db, { email: u.email, password: `again ${i}` }, meta(now, ip(100 + i))))),
      outcome(signIn(store.db, { email: u.email, password: u.password }, meta(now, ip(200)))),
    ]);
    expect(mixed.at(-1)).toBe('rate_limited');
    expect(mixed.every((r) => r === 'rate_limited')).toBe(true);
    expect(await evaluatedWrong(store, u.id)).toBe(allowed);
  });

  it('lets a right password sent together with wrong ones in only while the account is not locked', async () => {
    const u = await activeUser(store.db, agencyId, ['officer'], now);
    const sent = [
      ...Array.from({ length: 30 }, (_, i) => outcome(signIn(store.db, { email: u.email, password: `wrong ${i}` }, meta(now, `203.0.114.${i}`)))),
      outcome(signIn(store.db, { email: u.email, password: u.password }, meta(now, '203.0.114.250'))),
    ];
    const results = await Promise.all(sent);
    const evaluated = await evaluatedWrong(store, u.id);
    const free = accountPolicy.kind === 'backoff' ? accountPolicy.free : 0;
    if (results.at(-1) === 'ok') {
      // Admitted before the lock; its success clears the account counter, so at most one more round of tries follows.
      expect(evaluated).toBeLessThanOrEqual(2 * (free + 1));
    } else {
      expect(results.at(-1)).toBe('rate_limited');
      expect(evaluated).toBeLessThanOrEqual(free + 1);
    }
  });

  it('counts concurrent failures from one address against its window, and a success takes its own charge back', async () => {
    const limit = addressPolicy.kind === 'window' ? addressPolicy.limit : 0;
    const ip = '198.18.0.1';
    const u = await activeUser(store.db, agencyId, ['officer'], now);
    expect(await outcome(signIn(store.db, { email: u.email, password: u.password }, meta(now, ip)))).toBe('ok');
    const results = await Promise.all(
      Array.from({ length: limit + 10 }, (_, i) => outcome(signIn(store.db, { email: `spray${i}@agency.test`, password: 'Spring2026!' }, meta(now, ip)))),
    );
    // The successful sign-in before did not use up one of the address's failures.
    expect(results.filter((r) => r === 'unauthenticated')).toHaveLength(limit);
    expect(await outcome(signIn(store.db, { email: u.email, password: u.password }, meta(now, ip)))).toBe('rate_limited');
  });

  it('evaluates at most the free tries of 30 concurrent wrong second-factor codes, then refuses the right one', async () => {
    const u = await activeUser(store.db, agencyId, ['officer'], now);
    const { token } = await signIn(store.db, { email: u.email, password: u.password }, meta(now, '198.18.1.1'));
    const active = (await resolveSession(store.db, token, now))!;
    const results = await Promise.all(Array.from({ length: 30 }, () => outcome(verifyTotp(store.db, active, '000000', meta(now)))));
    const allowed = mfaFree + 1;
    expect(results.filter((r) => r === 'unauthenticated')).toHaveLength(allowed);
    const failures = await store.db.selectFrom('audit_log').select('seq').where('action', '=', 'signin.mfa_failure').where('user_id', '=', u.id).execute();
    expect(failures).toHaveLength(allowed);
    expect(await outcome(verifyTotp(store.db, active, new TOTP({ secret: Secret.fromBase32(u.totpSecret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: now.getTime() }), meta(now)))).toBe('rate_limited');
  });
});
