/** Person scoring: alignment, weights, penalties, evidence and the explanation. */
import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { analyseName } from './analyse.ts';
import { MATCH_THRESHOLD, scoreNames, scorePerson } from './score.ts';
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

describe('scoreNames with a one-part query (the family-name search path)', () => {
  // Expected values are what the general alignment (assignment, leftovers, clashes) gave before one-part queries took
  // their own shorter path: the two must agree on scores and on every explanation item, in order.
  const unmatched = (part: string) => ({ kind: 'part-unmatched', side: 'candidate', part });
  const matched = (how: string, query: string, candidate: string) => ({ kind: 'part-matched', how, query, candidate, distance: 0 });
  it.each([
    ['Melnyk', 'Ivan Melnyk', 0.6, [matched('exact', 'melnyk', 'melnyk'), unmatched('ivan'), { kind: 'single-part-only', part: 'melnyk' }]],
    ['Melnik', 'Olga Melnyk', 0.564, [matched('transliteration', 'melnik', 'melnyk'), unmatched('olga'), { kind: 'single-part-only', part: 'melnik' }]],
    ['Ramimakhlouf', 'Rami Makhlouf', 1, [matched('joined', 'ramimakhlouf', 'ramimakhlouf')]],
    ['Ivana', 'Ivan Petrov', 0, [{ kind: 'part-gender-form', query: 'ivana', candidate: 'ivan' }, unmatched('petrov')]],
    ['Rossi', 'Mario Rosso', 0, [{ kind: 'part-different-name', query: 'rossi', candidate: 'rosso' }, unmatched('mario')]],
    ['Nowak', 'Jan Kowalski', 0, [{ kind: 'part-unmatched', side: 'query', part: 'nowak' }, unmatched('jan'), unmatched('kowalski')]],
    ['Shoigu', 'Sergey Shoigu Shoigu', 0.6, [matched('exact', 'shoigu', 'shoigu'), unmatched('sergey'), unmatched('shoigu'), { kind: 'single-part-only', part: 'shoigu' }]],
    ['J', 'John Smith', 0.54, [matched('initial', 'j', 'john'), unmatched('smith'), { kind: 'single-part-only', part: 'j' }]],
    ['Petrov', 'Petrov', 1, [matched('exact', 'petrov', 'petrov')]],
  ])('%s against %s', (query, candidate, expected, items) => {
    const result = scoreNames(analyseName(query), analyseName(candidate));
    expect(result.score).toBeCloseTo(expected, 10);
    expect(result.items).toEqual(items);
  });
});
