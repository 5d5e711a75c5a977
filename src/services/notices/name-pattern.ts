/** Name patterns of the public notices protocol (`name=^.....$`), compiled with RE2 so every test runs in linear time. */
import { RE2JS } from 're2js';
import type { NamePattern } from '../../core/notices.ts';

/** Longer patterns are refused: no client needs them, and compile cost grows with length. */
export const MAX_PATTERN_LENGTH = 200;

/**
 * Characters that make a name a pattern. A name without any of them is a plain name and goes through the name search
 * (spellings, scripts, prefixes), as it always has; `-`, `'` and spaces are parts of names, not syntax.
 */
const metacharacters = /[\^$.[\]{}()*+?|\\]/;

export const isNamePattern = (text: string): boolean => metacharacters.test(text);

/**
 * Compiles a protocol pattern: RE2 syntax (anchors, `.`, classes, counts, `*`, `+`, `?`, groups and alternation),
 * case-insensitive and unanchored unless anchored, tested against the name in capitals. `null` for a pattern RE2
 * refuses (backreferences, look-arounds, unbalanced brackets, counts over 1000) or one that is too long.
 */
export function compileNamePattern(source: string): NamePattern | null {
  if (source.length > MAX_PATTERN_LENGTH) return null;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch {
    return null;
  }
  return { source, test: (upperName) => re.test(upperName) };
}
