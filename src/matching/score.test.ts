/** Person scoring: alignment, weights, penalties, evidence and the explanation. */
import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { MATCH_THRESHOLD, scorePerson } from './score.ts';
import { statsFromNames } from './stats.ts';

const score = (a: string, b: string) => scorePerson({ names: [a] }, { id: 'r', names: [b] });

describe('scorePerson', () => {
  it.each([
    ['Тарас Шевченко', 'Taras Schewtschenko'],
    ['Тарас Шевченко', 'Taras Szewczenko'],
    ['Юрий Хабаров', 'Jurij Chabarow'],
    ['Đorđe Balašević', 'Dorde Balasevic'],
    ['Γιώργος Παπαδόπουλος', 'Giorgos Papadopoulos'],
    ['ნინო ბერიძე', 'Nino Beridze'],
    ['Արամ Խաչատրյան', 'Aram Khachatryan'],
    ['خالد يوسف', 'Khaled Youssef'],
    ['Szabó Péter', 'Péter Szabó'],
    ['LINDQVIST<<KARIN<ELSA', 'Karin Elsa Lindqvist'],
    ['Gonzalez, Maria Elena', 'Maria Elena Gonzalez'],
    ['William Turner', 'Bill Turner'],
    ['Giuseppe Verdi', 'José Verdi'],
    ['K. Nowak', 'Krzysztof Nowak'],
    ['Pieter van der Berg', 'Pieter Berg'],
    ["Sean O'Connor", 'Sean O Connor'],
    ['Mohamed Benali', 'Mohammed Ben Ali'],
    ['Sebastian Kowalczyk', 'Sebastian Kowalczik'],
    ['Mr. Ingvar Holmqvist', 'Ingvar Holmqvist'],
  ])('matches %s with %s', (a, b) => {
    expect(score(a, b).score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it.each([
    ['Oleksandr Melnyk', 'Oleksandra Melnyk'],
    ['Milan Novák', 'Milan Nováková'],
    ['Igor Sidorov', 'Igor Sidorenko'],
    ['Paolo Fabbri', 'Paolo Fabbro'],
    ['Anna Nowak', 'Anna Kowalska'],
    ['Piotr Janusz Zielinski', 'Piotr Marek Zielinski'],
    ['Karim bin Tariq Haddad', 'Tariq bin Karim Haddad'],
    ['Lars Eriksson', 'Eriksson'],
  ])('does not match %s with %s', (a, b) => {
    expect(score(a, b).score).toBeLessThan(MATCH_THRESHOLD);
  });

  it('aligns parts one to one instead of reusing the best part', () => {
    expect(score('Hans Hans', 'Hans Weber').score).toBeLessThan(MATCH_THRESHOLD);
  });

  it('weighs a rare surname above a common given name', () => {
    const stats = statsFromNames(['Ali Demir', 'Ali Kaya', 'Ali Yilmaz', 'Ali Celik', 'Ali Sahin', 'Mert Ozturk']);
    const rareSurnameKept = scorePerson({ names: ['Ali Ozturk'] }, { id: 'r', names: ['Mert Ozturk'] }, stats).score;
    const commonNameKept = scorePerson({ names: ['Hasan Ali'] }, { id: 'r', names: ['Ali Demir'] }, stats).score;
    expect(rareSurnameKept).toBeGreaterThan(commonNameKept);
  });

  it('uses date of birth, nationality and sex as bounded evidence', () => {
    const base = { names: ['Ewa Lindholm'] };
    const plain = scorePerson(base, { id: 'r', names: ['Eva Lindholm'] }).score;
    const agree = scorePerson({ ...base, dateOfBirth: '1980-03-07', nationalities: ['Sweden'], sex: 'F' }, { id: 'r', names: ['Eva Lindholm'], dateOfBirth: '1980-07-03', nationalities: ['SE'], sex: 'F' }).score;
    const clash = scorePerson({ ...base, dateOfBirth: '1950', sex: 'M' }, { id: 'r', names: ['Eva Lindholm'], dateOfBirth: '1980', sex: 'F' }).score;
    expect(agree).toBeGreaterThan(plain);
    expect(agree - plain).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(clash).toBeLessThan(MATCH_THRESHOLD);
  });

  it('takes the best of several names (aliases, original script)', () => {
    const r = scorePerson({ names: ['Dmitrij Wolkow'] }, { id: 'r', names: ['D. V. Volkov', 'Дмитрий Волков'] });
    expect(r.match).toBe(true);
  });

  it('explains which parts matched how, and which did not', () => {
    const r = scorePerson({ names: ['Jurij Chabarow Smirnoff'], dateOfBirth: '1975' }, { id: 'r', names: ['Юрий Хабаров'], dateOfBirth: '1975-05-02' });
    const kinds = r.explanation.map((i) => i.kind);
    expect(kinds).toEqual(['names-compared', 'part-matched', 'part-matched', 'part-unmatched', 'date-of-birth']);
    const sentences = r.explanation.map((i) => explain(i));
    expect(sentences[1]).toContain('transliteration');
    expect(sentences[3]).toContain('“smirnoff”');
    expect(sentences[4]).toContain('agrees as far as both are known');
  });
});

describe('near names of different people', () => {
  it('keeps a different final vowel apart (Italian and Spanish family names)', () => {
    expect(score('Lucia Bianchi', 'Lucia Bianco').score).toBeLessThan(MATCH_THRESHOLD);
  });
});
