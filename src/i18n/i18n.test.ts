import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, describe, expect, it } from 'vitest';
import { I18n, loadCatalogs } from './i18n.ts';

const messagesDir = join(dirname(fileURLToPath(import.meta.url)), 'messages');
const catalogs = loadCatalogs();
const languages = [...catalogs.keys()];

describe('message catalogs', () => {
  it('has English and French at least', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'fr']));
  });

  it.each(languages.flatMap((a) => languages.filter((b) => b !== a).map((b) => [a, b] as const)))(
    'every key of %s exists in %s',
    (from, to) => {
      const target = catalogs.get(to)!;
      const missing = Object.keys(catalogs.get(from)!).filter((k) => !(k in target));
      expect(missing).toEqual([]);
    },
  );

  it.each(languages)('every %s message parses as ICU in its language and is not empty', (lang) => {
    const bad: string[] = [];
    for (const [key, message] of Object.entries(catalogs.get(lang)!)) {
      try {
        new IntlMessageFormat(message, lang);
        if (message.trim() === '') bad.push(`${key}: empty`);
      } catch (err) {
        bad.push(`${key}: ${(err as Error).message}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(languages)('the %s file has no duplicate keys (JSON.parse would silently keep the last)', (lang) => {
    const text = readFileSync(join(messagesDir, `${lang}.json`), 'utf8');
    const keys = [...text.matchAll(/^\s*"((?:[^"\\]|\\.)+)"\s*:/gm)].map((m) => m[1]);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const names = (message: string) => [...message.matchAll(/\{\s*([a-zA-Z_]+)\s*[,}]/g)].map((m) => m[1]).sort();
    const en = catalogs.get('en')!;
    const mismatched = languages.flatMap((lang) =>
      Object.entries(catalogs.get(lang)!)
        .filter(([key, message]) => en[key] !== undefined && names(message).join() !== names(en[key]!).join())
        .map(([key]) => `${lang}:${key}`),
    );
    expect(mismatched).toEqual([]);
  });
});

describe('adding a language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-i18n-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is adding a file: a new catalog is found, listed and used, with English for what it lacks', () => {
    for (const file of readdirSync(messagesDir).filter((f) => f.endsWith('.json'))) {
      writeFileSync(join(dir, file), readFileSync(join(messagesDir, file)));
    }
    writeFileSync(join(dir, 'de.json'), JSON.stringify({ 'home.title': 'Startseite', 'news.published': 'Veröffentlicht am {date}' }));
    writeFileSync(join(dir, 'README.txt'), 'not a catalog');
    const i18n = new I18n(loadCatalogs(dir));
    expect(i18n.languages[0]).toBe('en');
    expect(i18n.languages).toContain('de');
    expect(i18n.has('de')).toBe(true);
    const de = i18n.translator('de');
    expect(de.t('home.title')).toBe('Startseite');
    expect(de.t('news.published', { date: '1. März 2026' })).toBe('Veröffentlicht am 1. März 2026');
    expect(de.t('nav.news')).toBe(i18n.translator('en').t('nav.news'));
    expect(de.country('FR')).toBe('Frankreich');
  });

  it('an unknown language falls back to English', () => {
    expect(new I18n(loadCatalogs(dir)).translator('xx').lang).toBe('en');
  });
});

describe('dates and numbers follow each language’s own convention', () => {
  const i18n = new I18n(catalogs);

  it('English pages write day-month-year, as a European office does, never the US month-first order', () => {
    const en = i18n.translator('en');
    expect(en.date('2026-01-15T10:00:00Z')).toBe('15 January 2026');
    expect(en.date('2026-01-15T10:00:00Z', 'short')).toBe('15/01/2026');
    expect(en.partialDate('2026-03-05')).toBe('5 March 2026');
    expect(en.partialDate('2026-03')).toBe('March 2026');
    expect(en.lang).toBe('en');
  });

  it('French pages keep the French order and separators', () => {
    const fr = i18n.translator('fr');
    expect(fr.date('2026-01-15T10:00:00Z')).toBe('15 janvier 2026');
    expect(fr.date('2026-01-15T10:00:00Z', 'short')).toBe('15/01/2026');
    expect(fr.number(1234.5)).toBe('1\u202f234,5');
  });

  it('a date inside an English message is formatted day-month-year too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-i18n-date-'));
    try {
      writeFileSync(join(dir, 'en.json'), JSON.stringify({ when: 'On {day, date, long}' }));
      expect(new I18n(loadCatalogs(dir)).translator('en').t('when', { day: new Date(Date.UTC(2026, 0, 15, 12)) })).toBe('On 15 January 2026');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('messages with values', () => {
  it('read exactly as intl-messageformat writes them, for every message of every language, with text values', () => {
    const i18n = new I18n(catalogs);
    let checked = 0;
    for (const [lang, catalog] of catalogs) {
      const tr = i18n.translator(lang);
      for (const [key, message] of Object.entries(catalog)) {
        const format = new IntlMessageFormat(message, lang);
        const names = argumentNames(format.getAst());
        if (names.length === 0) continue;
        // Values that look like what pages pass (names with apostrophes and markup), twice to cover the memo.
        const values = Object.fromEntries(names.map((n, i) => [n, i % 2 ? "O'Brien <b>" : 'Шевченко & Co']));
        let expected: string;
        try {
          expected = String(format.format(values));
        } catch {
          continue; // a plural or a date asks for a number or a date
        }
        expect(tr.t(key, values), `${lang} ${key}`).toBe(expected);
        expect(tr.t(key, values), `${lang} ${key}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/** The names of a message's arguments, at any depth (plural and select branches included). */
function argumentNames(ast: ReturnType<IntlMessageFormat['getAst']>): string[] {
  const out = new Set<string>();
  const walk = (els: ReturnType<IntlMessageFormat['getAst']>): void => {
    for (const el of els) {
      if ('value' in el && el.type !== 0 && typeof el.value === 'string') out.add(el.value);
      if ('options' in el) for (const o of Object.values(el.options)) walk((o as { value: ReturnType<IntlMessageFormat['getAst']> }).value);
    }
  };
  walk(ast);
  return [...out];
}
