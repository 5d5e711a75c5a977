/** Plain-text folding used by SQL filters: lower case, no diacritics, ASCII letters and digits separated by single spaces. */
import anyAscii from 'any-ascii';

export function foldText(text: string): string {
  return anyAscii(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
