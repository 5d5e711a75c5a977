/** Loads the ICU message catalogs (one JSON file per language) and formats messages, dates and country names. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';

export const DEFAULT_LANG = 'en';

const messagesDir = join(dirname(fileURLToPath(import.meta.url)), 'messages');

export type Catalog = Record<string, string>;
export type MessageValues = Record<string, string | number | Date>;

/** Reads every `messages/<lang>.json`: adding a language is adding a file. */
export function loadCatalogs(dir: string = messagesDir): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  for (const file of readdirSync(dir).filter((f) => /^[a-z]{2,3}\.json$/.test(f)).sort()) {
    catalogs.set(file.slice(0, -5), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalog);
  }
  if (!catalogs.has(DEFAULT_LANG)) throw new Error(`missing the ${DEFAULT_LANG} catalog in ${dir}`);
  return catalogs;
}

export type Translator = {
  lang: string;
  /** BCP 47 direction of the language, for the html dir attribute. */
  dir: 'ltr' | 'rtl';
  t(key: string, values?: MessageValues): string;
  /** Whether a message key exists (in this language or the default one). */
  knows(key: string): boolean;
  date(iso: string, style?: 'long' | 'medium' | 'short'): string;
  /** A partial date (YYYY, YYYY-MM, YYYY-MM-DD) at the precision it has. */
  partialDate(value: string): string;
  country(code: string): string;
  language(code: string): string;
  number(n: number, opts?: Intl.NumberFormatOptions): string;
};

const rtl = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * The locale whose conventions dates and numbers follow, per page language: a European office writes English dates
 * day-month-year (en-GB), not the US order that plain `en` gives. Languages not listed use their own defaults.
 */
const formattingLocales: Readonly<Record<string, string>> = { en: 'en-GB' };

/** The formatting locale of a page language (the language itself unless it needs a regional convention). */
const formattingLocale = (lang: string): string => formattingLocales[lang] ?? lang;

/** Formatted messages with values kept per language; past this many, the memo starts over (no recency to track). */
const MAX_MEMO_MESSAGES = 20_000;

/** The memo's key for a message and its values (JSON, so no value can pass for another), or null for a date. */
function memoKey(key: string, values: MessageValues): string | null {
  for (const name in values) if (values[name] instanceof Date) return null;
  return `${key}${JSON.stringify(values)}`;
}

/**
 * A compiled message, and for one made of text and plain `{name}` arguments only, that text split at its arguments:
 * literal text at even places, argument names at odd ones. Such a message with string values is put together
 * directly, as intl-messageformat would, at a fraction of its cost (result cards word each match reason with names).
 */
type Compiled = { format: IntlMessageFormat; text: readonly string[] | null };

function textAndArguments(format: IntlMessageFormat): readonly string[] | null {
  const out = [''];
  for (const el of format.getAst()) {
    if (el.type === 0) out[out.length - 1] += el.value;
    else if (el.type === 1) out.push(el.value, '');
    else return null;
  }
  return out;
}

/** The message with its string values in place, or null when a value is missing or not a string (numbers and dates are
 * formatted for the locale by intl-messageformat). */
function substituted(text: readonly string[], values: MessageValues): string | null {
  let out = text[0]!;
  for (let i = 1; i < text.length; i += 2) {
    const v = values[text[i]!];
    if (typeof v !== 'string') return null;
    out += v + text[i + 1]!;
  }
  return out;
}

export class I18n {
  readonly languages: string[];
  /** Compiled messages per language; formatting is the hot path of every page. */
  private readonly formats = new Map<string, Map<string, Compiled>>();
  private readonly translators = new Map<string, Translator>();

  constructor(private readonly catalogs: Map<string, Catalog> = loadCatalogs()) {
    this.languages = [DEFAULT_LANG, ...[...catalogs.keys()].filter((l) => l !== DEFAULT_LANG)];
  }

  has(lang: string): boolean {
    return this.catalogs.has(lang);
  }

  private format(lang: string, key: string): Compiled {
    let byKey = this.formats.get(lang);
    if (!byKey) {
      byKey = new Map();
      this.formats.set(lang, byKey);
    }
    let f = byKey.get(key);
    if (!f) {
      const message = this.catalogs.get(lang)?.[key] ?? this.catalogs.get(DEFAULT_LANG)?.[key];
      if (message === undefined) throw new Error(`unknown message key: ${key}`);
      const format = new IntlMessageFormat(message, formattingLocale(lang));
      f = { format, text: textAndArguments(format) };
      byKey.set(key, f);
    }
    return f;
  }

  /** One translator per language, built once: Intl formatters are costly to construct. */
  translator(lang: string): Translator {
    const l = this.has(lang) ? lang : DEFAULT_LANG;
    let tr = this.translators.get(l);
    if (!tr) {
      tr = this.buildTranslator(l);
      this.translators.set(l, tr);
    }
    return tr;
  }

  private buildTranslator(l: string): Translator {
    const regions = new Intl.DisplayNames([l], { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames([l], { type: 'language', fallback: 'code' });
    const locale = formattingLocale(l);
    const dateFormats = {
      long: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      medium: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      short: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }),
    };
    const monthYear = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const numbers = new Intl.NumberFormat(locale);
    // Region names are asked for on every result card; Intl.DisplayNames looks each one up afresh.
    const countryNames = new Map<string, string>();
    // A message without values always reads the same: formatted once (pages ask for dozens of them per request).
    const plain = new Map<string, string>();
    // So is one with the same values: pagination labels, counts and "wanted by" read alike on many pages.
    const withValues = new Map<string, string>();
    const t = (key: string, values?: MessageValues): string => {
      if (values !== undefined) {
        const compiled = this.format(l, key);
        const quick = compiled.text && substituted(compiled.text, values);
        if (quick) return quick;
        const memo = memoKey(key, values);
        let text = memo === null ? undefined : withValues.get(memo);
        if (text === undefined) {
          text = String(compiled.format.format(values));
          if (memo !== null) {
            if (withValues.size >= MAX_MEMO_MESSAGES) withValues.clear();
            withValues.set(memo, text);
          }
        }
        return text;
      }
      let text = plain.get(key);
      if (text === undefined) {
        text = String(this.format(l, key).format.format());
        plain.set(key, text);
      }
      return text;
    };
    return {
      lang: l,
      dir: rtl.has(l) ? 'rtl' : 'ltr',
      t,
      knows: (key) => this.catalogs.get(l)?.[key] !== undefined || this.catalogs.get(DEFAULT_LANG)?.[key] !== undefined,
      date: (iso, style = 'long') => dateFormats[style].format(new Date(iso)),
      partialDate: (value) => {
        const [y, m, d] = value.split('-').map(Number);
        if (m === undefined || y === undefined) return value;
        if (d === undefined) return monthYear.format(new Date(Date.UTC(y, m - 1, 1)));
        return dateFormats.long.format(new Date(Date.UTC(y, m - 1, d)));
      },
      country: (code) => {
        let name = countryNames.get(code);
        if (name === undefined) {
          name = regions.of(code) ?? code;
          if (countryNames.size < 1000) countryNames.set(code, name);
        }
        return name;
      },
      language: (code) => languages.of(code) ?? code,
      number: (n, opts) => (opts === undefined ? numbers : new Intl.NumberFormat(locale, opts)).format(n),
    };
  }
}
