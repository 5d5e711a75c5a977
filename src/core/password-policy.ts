/** The password rules (NIST SP 800-63B): 12–128 characters, no composition rules, no common or breached or personal passwords. */

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal' | 'repetitive';

const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Forms of a password to look up: as typed, without the digits and symbols people add around a word, and de-leeted. */
function candidates(lower: string): string[] {
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const deleet = [...lower].map((ch) => leet[ch] ?? ch).join('');
  return [lower, core, deleet, deleet.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''), lower.replace(/\s+/g, '')];
}

/** True when the whole password is one short unit repeated (e.g. `abcabcabcabc`, `aaaaaaaaaaaa`). */
function isRepetitive(pw: string): boolean {
  const chars = [...pw];
  if (new Set(chars).size <= 3) return true;
  for (let unit = 1; unit <= chars.length / 3; unit++) {
    if (chars.length % unit !== 0) continue;
    const head = chars.slice(0, unit).join('');
    if (head.repeat(chars.length / unit) === pw) return true;
  }
  return false;
}

/** Words the password must not contain: the email's local part and domain words, the name's parts, the site's name. */
function personalWords(context: { email?: string | undefined; name?: string | undefined; siteNames?: string[] | undefined }): string[] {
  const words: string[] = [];
  if (context.email) {
    const [local = '', domain = ''] = context.email.toLowerCase().split('@');
    words.push(local, ...local.split(/[._+-]/), ...domain.split('.').slice(0, -1));
  }
  if (context.name) words.push(context.name.toLowerCase().replace(/\s+/g, ''), ...context.name.toLowerCase().split(/[\s'-]+/));
  for (const site of context.siteNames ?? []) words.push(site.toLowerCase().replace(/\s+/g, ''), ...site.toLowerCase().split(/\s+/));
  words.push('liaison');
  // Short fragments (initials, "de", "van") would reject too much for too little gain.
  return [...new Set(words.filter((w) => [...w].length >= 4))];
}

/** Returns the first problem with a password, or null when it is acceptable. */
export function checkPassword(
  password: string,
  context: { email?: string | undefined; name?: string | undefined; siteNames?: string[] | undefined },
  /** The common and breached passwords to refuse, lower-case (the list shipped in wordlists/, loaded by the caller). */
  common: ReadonlySet<string>,
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const lower = password.normalize('NFKC').toLowerCase();
  if (isRepetitive(lower)) return 'repetitive';
  if (candidates(lower).some((c) => c.length === 0 || common.has(c))) return 'common';
  const squashed = lower.replace(/[\s._-]+/g, '');
  if (personalWords(context).some((w) => squashed.includes(w))) return 'personal';
  return null;
}
