import { describe, expect, it } from 'vitest';
import { noticeQuerySchema, pageQueries, queryString } from './query.ts';

describe('the query strings of a search’s pages', () => {
  it('are what queryString writes for every page, with and without filters', () => {
    const queries = [
      {},
      { kind: 'wanted', sex: 'M', ageMin: '20', ageMax: '60', sort: 'name' },
      { familyName: 'Nowak & Söhne', q: 'a+b c%', perPage: '50', page: '3' },
      { sort: 'oldest' },
      { perPage: '20', sort: 'newest' },
    ].map((raw) => noticeQuerySchema.parse(raw));
    for (const q of queries) {
      const pageQuery = pageQueries(q);
      for (let page = 1; page <= 60; page++) expect(pageQuery(page)).toBe(queryString(q, page));
    }
  });
});
