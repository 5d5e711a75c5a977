/** Every explanation kind renders to an English sentence. */
import { describe, expect, it } from 'vitest';
import { explain, type ExplanationItem } from './explain.ts';

describe('explain', () => {
  it('renders each kind', () => {
    const items: ExplanationItem[] = [
      { kind: 'names-compared', query: 'a', candidate: 'b' },
      { kind: 'part-matched', how: 'typo', query: 'kovacs', candidate: 'kovach', distance: 1 },
      { kind: 'part-unmatched', side: 'candidate', part: 'maria' },
      { kind: 'part-gender-form', query: 'jan', candidate: 'jana' },
      { kind: 'part-different-name', query: 'sidorov', candidate: 'sidorenko' },
      { kind: 'parts-conflict' },
      { kind: 'patronymic-reversed' },
      { kind: 'single-part-only', part: 'lars' },
      { kind: 'date-of-birth', verdict: 'day-month-swap', query: '1970-03-04', candidate: '1970-04-03' },
      { kind: 'nationality', verdict: 'mismatch', query: ['PL'], candidate: ['DE'] },
      { kind: 'sex', verdict: 'match', query: 'F', candidate: 'F' },
    ];
    const sentences = items.map((i) => explain(i, 'en'));
    expect(sentences[1]).toBe('“kovacs” matches “kovach” with a typing difference (1 edit).');
    expect(sentences[8]).toContain('day and month swapped');
    for (const s of sentences) expect(s).toMatch(/\.$/);
  });
});
