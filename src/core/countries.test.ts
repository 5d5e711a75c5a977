import { describe, expect, it } from 'vitest';
import {
  countryName,
  countryOptions,
  countryStatus,
  euCandidateCountries,
  euMemberStates,
  isKnownCountry,
  iso3166Alpha2,
  officeCountries,
  officeCountryOptions,
} from './countries.ts';

describe('countries', () => {
  it('lists 27 members and 9 candidates, all distinct and all valid ISO codes', () => {
    expect(euMemberStates).toHaveLength(27);
    expect(euCandidateCountries).toHaveLength(9);
    const codes = officeCountries.map((c) => c.code);
    expect(new Set(codes).size).toBe(36);
    for (const code of codes) expect(isKnownCountry(code)).toBe(true);
    expect(countryStatus('UA')).toBe('candidate');
    expect(countryStatus('FR')).toBe('member');
    expect(countryStatus('NO')).toBeNull();
  });

  it('holds the 249 assigned alpha-2 codes, each named by the runtime', () => {
    expect(iso3166Alpha2).toHaveLength(249);
    expect(new Set(iso3166Alpha2).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of iso3166Alpha2) expect(names.of(code), code).toBeTruthy();
  });

  it('knows ISO codes only', () => {
    expect(isKnownCountry('US')).toBe(true);
    expect(isKnownCountry('XK')).toBe(false);
    expect(isKnownCountry('UK')).toBe(false);
    expect(isKnownCountry('de')).toBe(false);
  });

  it('names countries per locale and falls back to the code', () => {
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('ZZ', 'en')).toBe('ZZ');
    expect(countryName('nope', 'en')).toBe('nope');
  });

  it('sorts select-box options by localised name', () => {
    const fr = countryOptions('fr');
    expect(fr).toHaveLength(249 - 6);
    const names = fr.map((o) => o.name);
    const collator = new Intl.Collator('fr', { sensitivity: 'base' });
    expect([...names].sort(collator.compare)).toEqual(names);
    const office = officeCountryOptions('en').map((o) => o.code);
    expect(office[0]).toBe('AL');
    expect(office).toHaveLength(36);
  });

  it('offers no uninhabited territory as a nationality, while their codes stay valid', () => {
    const codes = countryOptions('en').map((o) => o.code);
    for (const code of ['AQ', 'BV', 'HM', 'GS', 'TF', 'UM']) {
      expect(codes).not.toContain(code);
      expect(isKnownCountry(code)).toBe(true);
    }
    for (const code of ['FR', 'GL', 'PN', 'VA']) expect(codes).toContain(code);
  });
});
