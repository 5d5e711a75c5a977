import { describe, expect, it } from 'vitest';
import { isOfficeCountry } from '../core/countries.ts';
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
    const withPortrait = notices.filter((n) => n.portraitSeed !== null).length;
    expect(withPortrait / notices.length).toBeGreaterThan(0.8);
    expect(withPortrait).toBeLessThan(notices.length);
  });
});
