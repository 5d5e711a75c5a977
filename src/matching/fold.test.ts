/** Case, diacritic and special-letter folding. */
import { describe, expect, it } from 'vitest';
import { deLeet, foldLatin, foldLatinAlternatives } from './fold.ts';

describe('foldLatin', () => {
  it.each([
    ['Straße', 'strasse'], ['Łódź', 'lodz'], ['Ħamrun', 'hamrun'], ['Søren', 'soren'], ['Æsa', 'aesa'],
    ['Þórunn', 'thorunn'], ['Işıl', 'isil'], ['Ștefan', 'stefan'], ['Ştefan', 'stefan'], ['Țuțea', 'tutea'],
    ['Ţuţea', 'tutea'], ['ＭＡＲＩＡ', 'maria'], ['Dvořák', 'dvorak'], ['Gösta', 'gosta'],
  ])('%s → %s', (input, folded) => {
    expect(foldLatin(input)).toBe(folded);
  });

  it('reads Serbo-Croatian đ both as dj and as d', () => {
    expect(foldLatinAlternatives('Đurić')).toEqual(['djuric', 'duric']);
  });

  it('replaces look-alike digits only inside words that have letters', () => {
    expect(deLeet('p3tr0v')).toBe('petrov');
    expect(deLeet('1984')).toBe('1984');
  });
});
