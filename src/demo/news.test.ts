import { describe, expect, it } from 'vitest';
import { demoNews } from './news.ts';

const items = demoNews();

describe('demo news and events', () => {
  it('has at least 12 items, news and events, mostly English with two in French', () => {
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items.filter((i) => i.lang === 'fr')).toHaveLength(2);
    expect(items.filter((i) => i.kind === 'event').length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.kind === 'news').length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((i) => i.slug)).size).toBe(items.length);
    for (const i of items) expect(i.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('marks every item as fictional, in title and body', () => {
    for (const i of items) {
      expect(i.title).toMatch(/^(Demo|Démo)/);
      expect(i.body).toMatch(/fictional demonstration content|démonstration fictive/);
      expect(i.body.split('\n\n').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('dates everything deterministically in 2026, events with a place and an end after the start', () => {
    expect(demoNews()).toEqual(items);
    for (const i of items) {
      expect(i.publishedAt.startsWith('2026-')).toBe(true);
      if (i.kind === 'event') {
        expect(i.eventPlace).toBeTruthy();
        expect(i.eventStart && i.eventEnd && i.eventStart < i.eventEnd).toBe(true);
        expect(i.eventStart && i.eventStart > i.publishedAt).toBe(true);
      } else {
        expect([i.eventStart, i.eventEnd, i.eventPlace]).toEqual([null, null, null]);
      }
    }
    const dates = items.map((i) => i.publishedAt);
    expect([...dates].sort()).toEqual(dates);
  });
});
