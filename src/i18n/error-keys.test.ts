import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../core/errors.ts';
import { loadCatalogs } from './i18n.ts';

const src = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('error messages', () => {
  const catalogs = loadCatalogs();

  it('has a title and a message for every error code in every language', () => {
    for (const [lang, catalog] of catalogs) {
      for (const code of Object.keys(errorCodes)) {
        expect(catalog[`error.${code}.title`], `${lang}: error.${code}.title`).toBeTruthy();
        expect(catalog[`error.${code}.message`], `${lang}: error.${code}.message`).toBeTruthy();
      }
    }
  });

  it('explains every password problem and every purpose problem in every language', () => {
    const keys = [
      ...['too_short', 'too_long', 'common', 'personal', 'repetitive'].map((p) => `portal.password.${p}`),
      ...['missing', 'invisible', 'control', 'malformed', 'too_long', 'no_words', 'too_few'].map((p) => `audit.purpose_problem.${p}`),
    ];
    for (const [lang, catalog] of catalogs) for (const key of keys) expect(catalog[key], `${lang}: ${key}`).toBeTruthy();
  });

  it('finds every message key an AppError is thrown with in every catalog', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new AppError\(\s*'[a-z_]+'\s*,\s*'([^']+)'/g)) {
        seen++;
        for (const [lang, catalog] of catalogs) if (catalog[m[1]!] === undefined) missing.push(`${lang}: ${m[1]} (${file.slice(src.length + 1)})`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
