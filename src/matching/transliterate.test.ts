/** Script detection and the competing Latin conventions for each script. */
import { describe, expect, it } from 'vitest';
import { detectScript, transliterate } from './transliterate.ts';

describe('transliterate', () => {
  it('gives Ukrainian Cyrillic in English, German, Polish and scientific conventions', () => {
    const { forms } = transliterate('Шевченко');
    expect(forms).toEqual(expect.arrayContaining(['shevchenko', 'schewtschenko', 'szewczenko', 'sevcenko']));
  });

  it('gives Russian Й as y, j and i, Х as kh, ch and h, Ж as zh, sch and z', () => {
    expect(transliterate('Йошкин').forms).toEqual(expect.arrayContaining(['yoshkin', 'joschkin', 'ioshkin']));
    expect(transliterate('Хрущёв').forms).toEqual(expect.arrayContaining(['khrushchyov', 'chruschtschjow', 'khrushchev']));
    expect(transliterate('Жуков').forms).toEqual(expect.arrayContaining(['zhukov', 'schukow', 'zukow']));
  });

  it('reads Ukrainian г as h and и as y when the word shows Ukrainian letters', () => {
    expect(transliterate('Григорій').forms).toEqual(['hryhoriy', 'hryhorij', 'hryhorii']);
  });

  it('gives Serbian ђ as dj and d', () => {
    expect(transliterate('Ђорђевић').forms).toEqual(expect.arrayContaining(['djordjevich', 'djordjevic', 'dordevic']));
  });

  it('handles Greek, Georgian, Armenian and Arabic', () => {
    expect(transliterate('Παπαδόπουλος').forms).toContain('papadopoulos');
    expect(transliterate('ბერიძე').forms).toContain('beridze');
    expect(transliterate('Խաչատրյան').forms).toContain('khachatryan');
    expect(transliterate('خالد').forms[0]).toBe('khald');
  });

  it('detects scripts, falling back to any-ascii for the rest', () => {
    expect(detectScript('Ольга')).toBe('cyrillic');
    expect(detectScript('김')).toBe('cjk');
    expect(transliterate('สมชาย').forms[0]).toMatch(/^[a-z]+$/);
  });
});
