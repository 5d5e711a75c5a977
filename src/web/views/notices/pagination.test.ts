/** The pages a results page links to: the first, the last, two either side of the current one, gaps marked. */
import { describe, expect, it } from 'vitest';
import { pageWindow } from './pagination.tsx';

/** The rule read one page at a time, as a visitor would check it. */
function plainly(current: number, last: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= 2) pages.push(p);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return pages;
}

describe('pageWindow', () => {
  it('agrees with the page-by-page rule for every current page of up to 40 pages', () => {
    for (let last = 1; last <= 40; last++) for (let current = 1; current <= last; current++) expect(pageWindow(current, last), `${current}/${last}`).toEqual(plainly(current, last));
  });

  it('links a handful of pages of 5,000, with gaps between them', () => {
    expect(pageWindow(2500, 5000)).toEqual([1, null, 2498, 2499, 2500, 2501, 2502, null, 5000]);
    expect(pageWindow(1, 5000)).toEqual([1, 2, 3, null, 5000]);
  });
});
