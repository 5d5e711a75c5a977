/** Folds Latin text to lower-case ASCII: Unicode normalisation, case, diacritics and the special letters NFD cannot decompose. */
import anyAscii from 'any-ascii';

/** Letters that carry no combining mark under NFD, so stripping marks alone would keep them non-ASCII. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', ł: 'l', Ł: 'l', đ: 'dj', Đ: 'dj', ħ: 'h', Ħ: 'h', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae',
  œ: 'oe', Œ: 'oe', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i', ŀ: 'l', ŋ: 'ng', ĸ: 'k', ſ: 's',
};

/** Digits typed in place of look-alike letters ("Ig0r Sech1n"); only applied inside tokens that also hold letters. */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '8': 'b' };

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /\P{ASCII}/u;
const PLAIN_ASCII = /^\p{ASCII}*$/u;

/** NFKC first so compatibility forms (full-width letters, ligatures like ﬁ) become ordinary letters. */
export function normaliseUnicode(text: string): string {
  return text.normalize('NFKC');
}

/** Lower-cases, removes diacritics and maps special letters; any remaining non-ASCII letter goes through any-ascii. */
export function foldLatin(text: string): string {
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const special = SPECIAL_LETTERS[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(COMBINING_MARKS, '');
    out += NON_ASCII.test(stripped) ? anyAscii(stripped).toLowerCase() : stripped;
  }
  return out;
}

/** Variant of a folded token where Serbo-Croatian đ reads as plain d rather than dj (Đorđe → Dorde). */
export function foldLatinAlternatives(text: string): string[] {
  const main = foldLatin(text);
  if (!/[đĐ]/.test(text)) return [main];
  const alt = foldLatin(text.replace(/đ/g, 'd').replace(/Đ/g, 'd'));
  return alt === main ? [main] : [main, alt];
}

/** Replaces look-alike digits inside alphanumeric tokens; pure numbers are left alone. */
export function deLeet(token: string): string {
  if (!/[0-9]/.test(token) || !/[a-z]/.test(token)) return token;
  return token.replace(/[0-9]/g, (d) => LEET[d] ?? d);
}
