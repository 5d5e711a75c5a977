import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { crimeCategoryCodes, crimeCategoryLabels, crimeCategoryMessageKey, isCrimeCategory } from './crime-categories.ts';

/** The category labels of a language's message catalog, keyed by code. */
const catalog = (lang: string): Record<string, string> => {
  const all = JSON.parse(readFileSync(new URL(`../i18n/messages/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith('crime.'))
      .map(([key, label]) => [key.slice('crime.'.length), label]),
  );
};

describe('crime categories', () => {
  it('has the 32 categories of Article 2(2), with distinct snake_case codes and labels', () => {
    expect(crimeCategoryCodes).toHaveLength(32);
    expect(new Set(crimeCategoryCodes).size).toBe(32);
    for (const code of crimeCategoryCodes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(Object.keys(crimeCategoryLabels).sort()).toEqual([...crimeCategoryCodes].sort());
    expect(new Set(Object.values(crimeCategoryLabels)).size).toBe(32);
    expect(isCrimeCategory('terrorism')).toBe(true);
    expect(isCrimeCategory('jaywalking')).toBe(false);
    expect(crimeCategoryMessageKey('rape')).toBe('crime.rape');
  });

  it.each(['en', 'fr'])('has a complete, ICU-safe %s catalog that formats to itself', (lang) => {
    const messages = catalog(lang);
    expect(Object.keys(messages).sort()).toEqual([...crimeCategoryCodes].sort());
    for (const [code, label] of Object.entries(messages)) {
      expect(label, code).not.toMatch(/[{}#]/);
      expect(new IntlMessageFormat(label, lang).format(), code).toBe(label);
    }
  });

  it('keeps the English catalog identical to the labels in code', () => {
    expect(catalog('en')).toEqual(crimeCategoryLabels);
  });
});
