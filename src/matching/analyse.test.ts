/** Tokenising and analysing full names. */
import { describe, expect, it } from 'vitest';
import { analyseName, analyseToken, canonicalOrder, primaryText, tokenise } from './analyse.ts';

describe('analyseName', () => {
  it('puts MRZ and "SURNAME, Given" forms in given-name-first order', () => {
    expect(canonicalOrder('KOWALSKA<<ANNA<MARIA')).toBe('ANNA MARIA KOWALSKA');
    expect(canonicalOrder('Lindqvist, Karin')).toBe('Karin Lindqvist');
  });

  it('splits on hyphens and dots, drops titles and keeps apostrophe names whole', () => {
    expect(tokenise('Dr. Jean-Luc Picard')).toEqual(['jean', 'luc', 'picard']);
    expect(tokenise("Siobhán O'Neill")).toEqual(['siobhán', 'oneill']);
    expect(tokenise('Mr.')).toEqual(['mr']);
  });

  it('classifies particles, honorifics and initials', () => {
    const kinds = analyseName('Haji Karim bin Tariq van der Merwe J.').parts.map((p) => [p.text, p.kind]);
    expect(kinds).toEqual([
      ['haji', 'honorific'], ['karim', 'name'], ['bin', 'particle'], ['tariq', 'name'], ['van', 'particle'],
      ['der', 'particle'], ['merwe', 'name'], ['j', 'initial'],
    ]);
  });

  it('splits the Arabic article off a word and marks abjad tokens with a consonant skeleton', () => {
    const parts = analyseName('حسن الخطيب').parts;
    expect(parts.map((p) => p.kind)).toEqual(['name', 'particle', 'name']);
    expect(parts[2]?.consonants).toBe('htb');
  });

  it('records variant groups and phonetic codes', () => {
    const [bill] = analyseName('Bill').parts;
    const [william] = analyseName('William').parts;
    expect(bill?.groups.some((g) => william?.groups.includes(g))).toBe(true);
    expect(william?.phonetic.length).toBeGreaterThan(0);
  });
});

describe('primaryText', () => {
  it('is the text of the analysed token, in every script', () => {
    for (const raw of ['vanberg', 'müller-lüdenscheidt', 'шевченко', 'παπαδόπουλος', 'ანა', 'السيسي', '王', 'o’neill', 'l33t', '---', 'straße']) {
      expect(primaryText(raw)).toBe(analyseToken(raw).text);
    }
  });
});
