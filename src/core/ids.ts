/** App-generated identifiers and UTC timestamps, identical on every database. */
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A sortable 26-character id: 10 chars of millisecond time then 16 random chars (Crockford base32). */
export function newId(now: number = Date.now()): string {
  let t = now;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += alphabet[b % 32];
  return time + rand;
}

/** Current time as ISO-8601 UTC text, the only time format stored. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
