/** Part-to-part comparison rules. */
import { describe, expect, it } from 'vitest';
import { analyseToken } from './analyse.ts';
import { compareParts, editDistance, isDistinctSuffixPair, isGenderPair, typoBudget } from './similarity.ts';

const cmp = (a: string, b: string) => compareParts(analyseToken(a), analyseToken(b));

describe('compareParts', () => {
  it('tells exact, transliteration, variant, typo and initial matches apart', () => {
    expect(cmp('kowalski', 'kowalski').kind).toBe('exact');
    expect(cmp('жуков', 'schukow').kind).toBe('transliteration');
    expect(cmp('zhukov', 'schukow').kind).toBe('transliteration');
    expect(cmp('francesco', 'franz').kind).toBe('variant');
    expect(cmp('wilhelmina', 'wilhelmine')).toMatchObject({ kind: 'typo', distance: 1 });
    expect(cmp('k', 'krzysztof').kind).toBe('initial');
    expect(cmp('k', 'marek').kind).toBe('none');
  });

  it('refuses gendered forms and different surname suffixes on one stem', () => {
    expect(cmp('oksana', 'oksan').kind).toBe('gender');
    expect(cmp('dvorak', 'dvorakova').kind).toBe('gender');
    expect(cmp('sidorov', 'sidorenko').kind).toBe('distinct');
    expect(cmp('fabbri', 'fabbro').score).toBe(0);
  });

  it('allows no typo in short parts', () => {
    expect(cmp('lin', 'liu').score).toBe(0);
    expect(cmp('mats', 'mars').kind).toBe('typo');
  });

  it('compares Arabic-script parts on consonants', () => {
    expect(cmp('يوسف', 'youssef').kind).toBe('transliteration');
  });

  it('never equates different Han or Hangul characters', () => {
    expect(cmp('王明', '王敏').score).toBe(0);
    expect(cmp('王明', '王明').kind).toBe('exact');
  });
});

describe('helpers', () => {
  it('counts a transposition as one edit and stops at the budget', () => {
    expect(editDistance('martin', 'mratin', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('has a stricter budget on short tokens', () => {
    expect([3, 4, 9, 10].map(typoBudget)).toEqual([0, 1, 1, 2]);
  });

  it('knows gender pairs and suffix families', () => {
    expect(isGenderPair('giulio', 'giulia')).toBe(true);
    expect(isGenderPair('wisniewski', 'wisniewska')).toBe(true);
    expect(isGenderPair('ali', 'alia')).toBe(false);
    expect(isDistinctSuffixPair('kovalchuk', 'kovalenko')).toBe(true);
    expect(isDistinctSuffixPair('zelensky', 'zelenskiy')).toBe(false);
  });
});
