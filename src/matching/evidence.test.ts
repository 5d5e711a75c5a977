/** Dates of birth, nationalities and sex as supporting evidence. */
import { describe, expect, it } from 'vitest';
import { compareDates, compareEvidence, parsePartialDate, toCountryCode, EVIDENCE_BONUS_CAP } from './evidence.ts';

const d = (s: string) => parsePartialDate(s) ?? { year: 0, month: null, day: null };

describe('evidence', () => {
  it('compares partial dates and spots day/month swaps', () => {
    expect(compareDates(d('1971-04-09'), d('1971-04-09'))).toBe('match');
    expect(compareDates(d('1971'), d('1971-04-09'))).toBe('partial');
    expect(compareDates(d('1971-04-09'), d('1971-09-04'))).toBe('day-month-swap');
    expect(compareDates(d('1971-04-09'), d('1972-04-09'))).toBe('near');
    expect(compareDates(d('1971-04-09'), d('1980-01-01'))).toBe('mismatch');
    expect(parsePartialDate('unknown')).toBeNull();
  });

  it('reads nationality codes and English country names', () => {
    expect(toCountryCode('pl')).toBe('PL');
    expect(toCountryCode('Czech Republic')).toBe('CZ');
    expect(toCountryCode('Côte d’Ivoire')).toBe('CI');
    expect(toCountryCode('Atlantis')).toBeNull();
  });

  it('caps the bonus and lets contradictions weigh more', () => {
    const agree = compareEvidence({ dateOfBirth: '1990-02-03', nationalities: ['SE'], sex: 'F' }, { dateOfBirth: '1990-02-03', nationalities: ['SE', 'FI'], sex: 'F' });
    expect(agree.adjustment).toBeLessThanOrEqual(EVIDENCE_BONUS_CAP);
    expect(agree.adjustment).toBeGreaterThan(0);
    const clash = compareEvidence({ dateOfBirth: '1990', nationalities: ['SE'], sex: 'F' }, { dateOfBirth: '1960', nationalities: ['PT'], sex: 'M' });
    expect(clash.adjustment).toBeLessThan(-0.2);
    expect(clash.items.map((i) => i.kind)).toEqual(['date-of-birth', 'nationality', 'sex']);
  });
});
