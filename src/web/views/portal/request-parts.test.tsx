import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../../core/notice-requests.ts';
import { I18n } from '../../../i18n/i18n.ts';
import { duplicatesOf, waitingSplit, waitingText } from './request-parts.tsx';

const event = (action: RequestEvent['action'], at: string, details: Record<string, unknown>): RequestEvent => ({
  id: at,
  requestId: 'r1',
  version: 1,
  at,
  actorUserId: null,
  actorAgencyId: null,
  action,
  status: 'submitted',
  comment: null,
  details,
});

describe('duplicatesOf', () => {
  it('reads the candidates of the latest submission only, skipping records it cannot read', () => {
    const events = [
      event('submit', '2025-01-01T00:00:00.000Z', { duplicates: [{ requestId: 'old', reference: null, score: 0.9 }] }),
      event('request_changes', '2025-01-02T00:00:00.000Z', {}),
      event('submit', '2025-01-03T00:00:00.000Z', { duplicates: [{ requestId: 'r2', reference: '2025/7', score: 0.82 }, { requestId: 'r3' }, 'junk'] }),
      event('edit', '2025-01-04T00:00:00.000Z', { duplicates: [{ requestId: 'later', reference: null, score: 1 }] }),
    ];
    expect(duplicatesOf(events)).toEqual([{ requestId: 'r2', reference: '2025/7', score: 0.82 }]);
  });

  it('finds none before a first submission, or when the submission recorded none', () => {
    expect(duplicatesOf([event('create', '2025-01-01T00:00:00.000Z', {})])).toEqual([]);
    expect(duplicatesOf([event('submit', '2025-01-01T00:00:00.000Z', {})])).toEqual([]);
  });
});

describe('waiting time', () => {
  it('splits into whole days and remaining hours, and says it in words', () => {
    const hour = 3_600_000;
    expect(waitingSplit(76 * hour + 59 * 60_000)).toEqual({ days: 3, hours: 4 });
    expect(waitingSplit(-5)).toEqual({ days: 0, hours: 0 });
    const tr = new I18n().translator('en');
    expect(waitingText(tr, 76 * hour)).toBe('3 days 4 hours');
    expect(waitingText(tr, 25 * hour)).toBe('1 day 1 hour');
    expect(waitingText(tr, 5 * hour)).toBe('5 hours');
    expect(waitingText(tr, 10 * 60_000)).toBe('less than an hour');
  });
});
