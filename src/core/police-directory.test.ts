import { describe, expect, it } from 'vitest';
import { officeCountries } from './countries.ts';
import { policeDirectory, validatePoliceDirectory, type PoliceContact } from './police-directory.ts';

describe('police directory', () => {
  it('has exactly one sourced entry per member and candidate country, with digit-only numbers', () => {
    expect(validatePoliceDirectory(policeDirectory)).toEqual([]);
    expect(policeDirectory).toHaveLength(officeCountries.length);
    for (const entry of policeDirectory) {
      expect(entry.sourceUrl, entry.country).toMatch(/^https:\/\//);
      for (const n of entry.emergencyNumbers) expect(n.number, entry.country).toMatch(/^\d+$/);
    }
  });

  it('gives 112 for every EU member and a reason wherever the website is unknown', () => {
    for (const e of policeDirectory) {
      if (e.status === 'member') expect(e.emergencyNumbers.map((n) => n.number), e.country).toContain('112');
      if (e.website === null) expect(e.sourceNote, e.country).toMatch(/unknown/);
    }
  });

  it('reports duplicates, gaps, wrong status, bad numbers and bad URLs', () => {
    const [first, ...rest] = policeDirectory as [PoliceContact, ...PoliceContact[]];
    const broken: PoliceContact[] = [
      { ...first, status: 'candidate', sourceUrl: 'http://insecure.example' },
      { ...first, emergencyNumbers: [{ number: '11 2', label: 'x' }] },
      ...rest.slice(1),
    ];
    const problems = validatePoliceDirectory(broken);
    expect(problems).toContain(`${first.country}: 2 entries, expected exactly one`);
    expect(problems).toContain(`${rest[0]?.country}: 0 entries, expected exactly one`);
    expect(problems).toContain(`${first.country}: status candidate, expected member`);
    expect(problems).toContain(`${first.country}: source URL missing or not https`);
    expect(problems).toContain(`${first.country}: number '11 2' is not digits only`);
  });
});
