/** The candidate index: add, replace, remove, and scored, explained search. */
import { describe, expect, it } from 'vitest';
import { PersonIndex } from './person-index.ts';

function sample(): PersonIndex {
  const index = new PersonIndex();
  index.add({ id: 'a', names: ['Дмитрий Волков', 'Dmitry Volkov'], dateOfBirth: '1971-05-02', nationalities: ['RU'], sex: 'M' });
  index.add({ id: 'b', names: ['Dmitry Volkova'], sex: 'F' });
  index.add({ id: 'c', names: ['Agnieszka Wiśniewska'], nationalities: ['PL'] });
  index.add({ id: 'd', names: ['RamiroValdés'] });
  for (let i = 0; i < 200; i++) index.add({ id: `x${i}`, names: [`Person${i} Filler${i % 17}`] });
  return index;
}

describe('PersonIndex', () => {
  it('finds a record through transliteration and a typo, best first', () => {
    const results = sample().search({ names: ['Dmitrij Wolkow'], dateOfBirth: '1971' }, { limit: 5 });
    expect(results[0]?.id).toBe('a');
    expect(results[0]?.match).toBe(true);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((x, y) => y - x));
    expect(sample().search({ names: ['Agnieszka Wisniewka'] })[0]?.id).toBe('c');
  });

  it('finds names written together or apart', () => {
    expect(sample().search({ names: ['Ramiro Valdes'] })[0]?.id).toBe('d');
  });

  it('replaces on add with the same id and removes by id', () => {
    const index = sample();
    const before = index.size;
    index.add({ id: 'c', names: ['Katarzyna Zielinska'] });
    expect(index.size).toBe(before);
    expect(index.search({ names: ['Agnieszka Wisniewska'] }).some((r) => r.id === 'c' && r.match)).toBe(false);
    expect(index.search({ names: ['Katarzyna Zielinska'] })[0]?.id).toBe('c');
    expect(index.remove('c')).toBe(true);
    expect(index.has('c')).toBe(false);
    expect(index.search({ names: ['Katarzyna Zielinska'] }).some((r) => r.id === 'c')).toBe(false);
    expect(index.remove('c')).toBe(false);
  });

  it('keeps working after many removals compact the index', () => {
    const index = sample();
    for (let i = 0; i < 200; i++) index.remove(`x${i}`);
    for (let i = 0; i < 1500; i++) index.add({ id: `y${i}`, names: [`Temp${i} Name`] });
    for (let i = 0; i < 1500; i++) index.remove(`y${i}`);
    expect(index.size).toBe(4);
    const [top] = index.search({ names: ['Dmitry Volkov'] });
    expect(top?.id).toBe('a');
    expect(top?.explanation.some((e) => e.kind === 'nationality')).toBe(false);
    expect(index.search({ names: ['Dmitry Volkov'], nationalities: ['ru'] })[0]?.explanation.some((e) => e.kind === 'nationality' && e.verdict === 'match')).toBe(true);
  });

  it('respects the limit and returns nothing for an empty query', () => {
    expect(sample().search({ names: ['Filler3'] }, { limit: 3 })).toHaveLength(3);
    expect(sample().search({ names: [''] })).toEqual([]);
  });

  it('orders equal scores by id whatever order the records were added or re-added in', () => {
    const index = new PersonIndex();
    for (const id of ['m3', 'm1', 'm4', 'm2']) index.add({ id, names: ['Ivan Melnyk'] });
    index.add({ id: 'm0', names: ['Ivan Melnyk'] });
    expect(index.search({ names: ['Melnyk'] }, { limit: 10 }).map((r) => r.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const ascending = new PersonIndex();
    for (const id of ['a1', 'a2', 'a3']) ascending.add({ id, names: ['Olga Melnyk'] });
    ascending.add({ id: 'a1', names: ['Olga Melnyk'] });
    ascending.add({ id: 'a0', names: ['Melnyk'] });
    expect(ascending.search({ names: ['Melnyk'] }, { limit: 10 }).map((r) => r.id)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });
});
