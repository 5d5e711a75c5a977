import { describe, expect, it } from 'vitest';
import { countryName, isOfficeCountry } from '../core/countries.ts';
import { isCrimeCategory } from '../core/crime-categories.ts';
import { noticeInputSchema } from '../core/notices.ts';
import { isEyeColor, isHairColor } from '../core/physical.ts';
import { generateDemoNotices } from './generate.ts';
import { namePools } from './names.ts';

const notices = generateDemoNotices();
const inputs = notices.map((n) => n.input);

const scripts = ['Latin', 'Cyrillic', 'Greek', 'Georgian', 'Arabic', 'Armenian'] as const;
const scriptOf = (text: string): string[] => scripts.filter((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(text));

describe('demo notice generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoNotices()).toEqual(notices);
    expect(generateDemoNotices({ seed: 1 })).not.toEqual(notices);
  });

  it('makes at least 320 notices, two thirds wanted and one third missing', () => {
    expect(notices.length).toBeGreaterThanOrEqual(320);
    const wanted = inputs.filter((n) => n.kind === 'wanted').length;
    expect(wanted / inputs.length).toBeCloseTo(2 / 3, 2);
    expect(generateDemoNotices({ count: 12 })).toHaveLength(12);
  });

  it('produces only valid, demo-flagged notices with known codes', () => {
    for (const input of inputs) {
      const parsed = noticeInputSchema.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(input.isDemo).toBe(true);
      for (const c of input.eyeColors) expect(isEyeColor(c), c).toBe(true);
      for (const c of input.hairColors) expect(isHairColor(c), c).toBe(true);
      for (const charge of input.charges) {
        expect(isOfficeCountry(charge.issuingCountry)).toBe(true);
        expect(charge.crimeCategory && isCrimeCategory(charge.crimeCategory)).toBe(true);
      }
      expect(input.nationalities.length).toBeGreaterThanOrEqual(1);
      expect(input.nationalities.length).toBeLessThanOrEqual(2);
    }
  });

  it('gives missing persons an office country of disappearance, named in the place, and one to three other countries they may visit', () => {
    const missing = inputs.filter((n) => n.kind === 'missing');
    for (const input of missing) {
      const d = input.disappearance;
      expect(d?.country && isOfficeCountry(d.country), JSON.stringify(d)).toBe(true);
      expect(d?.place?.endsWith(`, ${countryName(d.country ?? '', 'en')}`), JSON.stringify(d)).toBe(true);
      const visits = d?.countriesLikelyToBeVisited ?? [];
      expect(visits.length).toBeGreaterThanOrEqual(1);
      expect(visits.length).toBeLessThanOrEqual(3);
      expect(new Set(visits).size).toBe(visits.length);
      expect(visits).not.toContain(d?.country);
      for (const c of visits) expect(isOfficeCountry(c), c).toBe(true);
    }
    const lengths = new Set(missing.map((n) => n.disappearance?.countriesLikelyToBeVisited?.length));
    expect([...lengths].sort()).toEqual([1, 2, 3]);
  });

  it('names the requesting bureau of every notice: the first warrant’s country, or the country of disappearance', () => {
    for (const input of inputs) {
      const expected = input.kind === 'wanted' ? input.charges[0]?.issuingCountry : input.disappearance?.country;
      expect(input.issuingCountry, input.familyName).toBe(expected);
      expect(input.issuingCountry && isOfficeCountry(input.issuingCountry)).toBe(true);
    }
  });

  it('gives some missing persons their parents’ names, forename and family name together, and wanted persons none', () => {
    const missing = inputs.filter((n) => n.kind === 'missing');
    const withFather = missing.filter((n) => n.fatherName);
    expect(withFather.length).toBeGreaterThan(missing.length / 3);
    expect(withFather.length).toBeLessThan(missing.length);
    expect(missing.some((n) => n.motherName && n.motherForename)).toBe(true);
    expect(missing.some((n) => n.birthName)).toBe(true);
    for (const n of missing) {
      expect(n.fatherName === null, n.familyName).toBe(n.fatherForename === null);
      expect(n.motherName === null, n.familyName).toBe(n.motherForename === null);
      if (n.birthName) expect(n.sex).toBe('F');
    }
    // The father carries the person's family name (in its male form where the language has one): same first letters.
    for (const n of withFather) expect(n.fatherName?.slice(0, 3), `${n.familyName} / ${n.fatherName}`).toBe(n.familyName.slice(0, 3));
    for (const n of inputs.filter((x) => x.kind === 'wanted'))
      expect([n.fatherName, n.fatherForename, n.motherName, n.motherForename, n.birthName]).toEqual([null, null, null, null, null]);
  });

  it('places births in the country of birth', () => {
    for (const input of inputs) {
      if (input.placeOfBirth === null) continue;
      const places = namePools.find((p) => p.key === input.countryOfBirth)?.places ?? [];
      expect(places, `${input.placeOfBirth} in ${input.countryOfBirth}`).toContain(input.placeOfBirth);
    }
  });

  it('marks every reader-visible narrative as fictional', () => {
    for (const input of inputs) {
      for (const c of input.charges) {
        expect(c.charge).toMatch(/fictional|fiktiv|fictive|fikcyjny|ficticio|fittizia/);
        if (c.chargeTranslation !== null) expect(c.chargeTranslation).toMatch(/\(fictional demonstration record\)$/);
      }
      if (input.disappearance) expect(input.disappearance.circumstances).toMatch(/\(fictional demonstration record\)$/);
      if (input.distinguishingMarks) expect(input.distinguishingMarks).toMatch(/\(fictional\)$/);
    }
    expect(inputs.some((n) => n.charges.some((c) => c.chargeTranslation !== null))).toBe(true);
  });

  it('spans at least five non-Latin scripts in original names, and uses aliases and partial dates', () => {
    const found = new Set(inputs.flatMap((n) => (n.nameOriginal ? scriptOf(n.nameOriginal) : [])));
    found.delete('Latin');
    expect(found.size).toBeGreaterThanOrEqual(5);
    expect(inputs.some((n) => /^\d{4}$/.test(n.dateOfBirth ?? ''))).toBe(true);
    expect(inputs.some((n) => /^\d{4}-\d{2}$/.test(n.dateOfBirth ?? ''))).toBe(true);
    expect(inputs.filter((n) => n.aliases.length > 0).length).toBeGreaterThan(50);
    expect(inputs.some((n) => /[ąęłńśźżčřšžőűățș]/i.test(n.familyName + n.forename))).toBe(true);
    expect(new Set(inputs.filter((n) => /^Moh|^Muh|^Mou/.test(n.forename)).map((n) => n.forename)).size).toBeGreaterThan(1);
  });

  it('publishes oldest first, before the base date, with portraits for most notices', () => {
    const dates = notices.map((n) => n.publishedAt);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => d < '2026-01-15T09:00:01.000Z')).toBe(true);
    const withPortrait = notices.filter((n) => n.portrait !== null).length;
    expect(withPortrait / notices.length).toBeGreaterThan(0.8);
    expect(withPortrait).toBeLessThan(notices.length);
  });
});
