/** Transliterates one name token from Cyrillic, Greek, Georgian, Armenian and Arabic script into every competing Latin convention in use. */
import anyAscii from 'any-ascii';
import { foldLatin } from './fold.ts';

/** `cjk` covers Han, Hangul and Kana: each character is a syllable, so one different character is a different name. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'georgian' | 'armenian' | 'arabic' | 'hebrew' | 'cjk' | 'other';

export type Transliteration = {
  /** Folded Latin readings, the most common convention first; never empty for a token with letters. */
  forms: string[];
  script: Script;
};

/**
 * Cyrillic letter readings in six conventions, in this column order:
 * English (BGN/PCGN), German (Duden), Polish, French, scientific/ISO 9 folded, passport (ICAO 9303).
 */
const CYRILLIC: Readonly<Record<string, readonly [string, string, string, string, string, string]>> = {
  а: ['a', 'a', 'a', 'a', 'a', 'a'], б: ['b', 'b', 'b', 'b', 'b', 'b'], в: ['v', 'w', 'w', 'v', 'v', 'v'],
  г: ['g', 'g', 'g', 'g', 'g', 'g'], д: ['d', 'd', 'd', 'd', 'd', 'd'], е: ['e', 'e', 'e', 'e', 'e', 'e'],
  ё: ['yo', 'jo', 'io', 'io', 'e', 'e'], ж: ['zh', 'sch', 'z', 'j', 'z', 'zh'], з: ['z', 's', 'z', 'z', 'z', 'z'],
  и: ['i', 'i', 'i', 'i', 'i', 'i'], й: ['y', 'j', 'j', 'i', 'j', 'i'], к: ['k', 'k', 'k', 'k', 'k', 'k'],
  л: ['l', 'l', 'l', 'l', 'l', 'l'], м: ['m', 'm', 'm', 'm', 'm', 'm'], н: ['n', 'n', 'n', 'n', 'n', 'n'],
  о: ['o', 'o', 'o', 'o', 'o', 'o'], п: ['p', 'p', 'p', 'p', 'p', 'p'], р: ['r', 'r', 'r', 'r', 'r', 'r'],
  с: ['s', 's', 's', 's', 's', 's'], т: ['t', 't', 't', 't', 't', 't'], у: ['u', 'u', 'u', 'ou', 'u', 'u'],
  ф: ['f', 'f', 'f', 'f', 'f', 'f'], х: ['kh', 'ch', 'ch', 'kh', 'h', 'kh'], ц: ['ts', 'z', 'c', 'ts', 'c', 'ts'],
  ч: ['ch', 'tsch', 'cz', 'tch', 'c', 'ch'], ш: ['sh', 'sch', 'sz', 'ch', 's', 'sh'],
  щ: ['shch', 'schtsch', 'szcz', 'chtch', 'sc', 'shch'], ъ: ['', '', '', '', '', 'ie'], ы: ['y', 'y', 'y', 'y', 'y', 'y'],
  ь: ['', '', '', '', '', ''], э: ['e', 'e', 'e', 'e', 'e', 'e'], ю: ['yu', 'ju', 'iu', 'iou', 'ju', 'iu'],
  я: ['ya', 'ja', 'ia', 'ia', 'ja', 'ia'],
  // Ukrainian and Belarusian
  є: ['ye', 'je', 'je', 'ie', 'je', 'ie'], ї: ['yi', 'ji', 'ji', 'i', 'ji', 'i'], і: ['i', 'i', 'i', 'i', 'i', 'i'],
  ґ: ['g', 'g', 'g', 'g', 'g', 'g'], ў: ['w', 'w', 'u', 'ou', 'u', 'u'],
  // Serbian and Macedonian
  ђ: ['dj', 'dj', 'dz', 'dj', 'd', 'dj'], ј: ['j', 'j', 'j', 'j', 'j', 'j'], љ: ['lj', 'lj', 'lj', 'lj', 'lj', 'lj'],
  њ: ['nj', 'nj', 'nj', 'nj', 'nj', 'nj'], ћ: ['ch', 'tsch', 'c', 'tch', 'c', 'c'], џ: ['dzh', 'dsch', 'dz', 'dj', 'dz', 'dz'],
  ѓ: ['gj', 'gj', 'gj', 'gj', 'g', 'gj'], ќ: ['kj', 'kj', 'kj', 'kj', 'k', 'kj'], ѕ: ['dz', 'dz', 'dz', 'dz', 'dz', 'dz'],
  // Kazakh, Kyrgyz, Mongolian, Tatar, Azerbaijani Cyrillic
  ә: ['a', 'a', 'a', 'a', 'a', 'a'], ғ: ['gh', 'g', 'g', 'gh', 'g', 'g'], қ: ['k', 'k', 'k', 'k', 'q', 'q'],
  ң: ['ng', 'ng', 'n', 'ng', 'n', 'n'], ө: ['o', 'o', 'o', 'o', 'o', 'o'], ұ: ['u', 'u', 'u', 'ou', 'u', 'u'],
  ү: ['u', 'u', 'u', 'u', 'u', 'u'], һ: ['h', 'h', 'h', 'h', 'h', 'h'], ҳ: ['h', 'h', 'h', 'h', 'h', 'h'],
  ҷ: ['j', 'dsch', 'dz', 'dj', 'c', 'j'], ҡ: ['k', 'k', 'k', 'k', 'q', 'k'],
};
const CYRILLIC_CONVENTIONS = 6;

/** Ukrainian reads г as h and и as y; words without a tell-tale letter get both readings. */
const UKRAINIAN_ONLY = /[єїіґ]/;
const RUSSIAN_ONLY = /[ыэъё]/;
const SERBIAN_ONLY = /[ђјљњћџѓќѕ]/;
const UKRAINIAN_OVERRIDES: Readonly<Record<string, readonly [string, string, string, string, string, string]>> = {
  г: ['h', 'h', 'h', 'h', 'h', 'h'],
  и: ['y', 'y', 'y', 'y', 'y', 'y'],
  х: ['kh', 'ch', 'ch', 'kh', 'h', 'kh'],
};
/** Serbian Latin spelling is the ISO column, except that х, ж and ш follow Gaj's alphabet. */
const SERBIAN_OVERRIDES: Readonly<Record<string, readonly [string, string, string, string, string, string]>> = {
  х: ['h', 'ch', 'ch', 'kh', 'h', 'h'],
};

function cyrillicForms(word: string): string[] {
  const lower = word.toLowerCase();
  const readings: Array<Readonly<Record<string, readonly string[]>>> = [];
  if (SERBIAN_ONLY.test(lower)) readings.push(SERBIAN_OVERRIDES);
  else if (UKRAINIAN_ONLY.test(lower)) readings.push(UKRAINIAN_OVERRIDES);
  else if (RUSSIAN_ONLY.test(lower) || !/[ги]/.test(lower)) readings.push({});
  else readings.push({}, UKRAINIAN_OVERRIDES);
  const forms: string[] = [];
  for (const overrides of readings) {
    for (let c = 0; c < CYRILLIC_CONVENTIONS; c++) {
      let out = '';
      for (const ch of lower) {
        const row = overrides[ch] ?? CYRILLIC[ch];
        out += row ? (row[c] ?? '') : foldLatin(anyAscii(ch));
      }
      forms.push(out);
    }
  }
  return forms;
}

/** Greek in ELOT 743 (official, passports) and in a phonetic reading (η, υ, ει, οι → i; ου → u; μπ → b). */
const GREEK_DIGRAPHS_ELOT: ReadonlyArray<readonly [string, string]> = [
  ['ου', 'ou'], ['αυ', 'av'], ['ευ', 'ev'], ['γγ', 'ng'], ['γκ', 'gk'], ['μπ', 'mp'], ['ντ', 'nt'],
];
const GREEK_DIGRAPHS_PHONETIC: ReadonlyArray<readonly [string, string]> = [
  ['ου', 'u'], ['αυ', 'af'], ['ευ', 'ef'], ['ει', 'i'], ['οι', 'i'], ['αι', 'e'], ['γγ', 'ng'], ['γκ', 'g'],
  ['μπ', 'b'], ['ντ', 'd'],
];
const GREEK_LETTERS: Readonly<Record<string, readonly [string, string]>> = {
  α: ['a', 'a'], β: ['v', 'v'], γ: ['g', 'g'], δ: ['d', 'd'], ε: ['e', 'e'], ζ: ['z', 'z'], η: ['i', 'i'],
  θ: ['th', 'th'], ι: ['i', 'i'], κ: ['k', 'k'], λ: ['l', 'l'], μ: ['m', 'm'], ν: ['n', 'n'], ξ: ['x', 'ks'],
  ο: ['o', 'o'], π: ['p', 'p'], ρ: ['r', 'r'], σ: ['s', 's'], ς: ['s', 's'], τ: ['t', 't'], υ: ['y', 'i'],
  φ: ['f', 'f'], χ: ['ch', 'h'], ψ: ['ps', 'ps'], ω: ['o', 'o'],
};

function greekForms(word: string): string[] {
  const base = word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  return [GREEK_DIGRAPHS_ELOT, GREEK_DIGRAPHS_PHONETIC].map((digraphs, column) => {
    let out = '';
    for (let i = 0; i < base.length; i++) {
      const pair = base.slice(i, i + 2);
      const digraph = digraphs.find(([from]) => from === pair);
      if (digraph) {
        out += digraph[1];
        i++;
        continue;
      }
      const ch = base[i] ?? '';
      const row = GREEK_LETTERS[ch];
      out += row ? row[column === 0 ? 0 : 1] : foldLatin(anyAscii(ch));
    }
    return out;
  });
}

/** Georgian in the 2002 national system and in the German convention (w, sch, tsch, ch). */
const GEORGIAN: Readonly<Record<string, readonly [string, string]>> = {
  ა: ['a', 'a'], ბ: ['b', 'b'], გ: ['g', 'g'], დ: ['d', 'd'], ე: ['e', 'e'], ვ: ['v', 'w'], ზ: ['z', 's'],
  თ: ['t', 't'], ი: ['i', 'i'], კ: ['k', 'k'], ლ: ['l', 'l'], მ: ['m', 'm'], ნ: ['n', 'n'], ო: ['o', 'o'],
  პ: ['p', 'p'], ჟ: ['zh', 'sch'], რ: ['r', 'r'], ს: ['s', 's'], ტ: ['t', 't'], უ: ['u', 'u'], ფ: ['p', 'p'],
  ქ: ['k', 'k'], ღ: ['gh', 'gh'], ყ: ['q', 'k'], შ: ['sh', 'sch'], ჩ: ['ch', 'tsch'], ც: ['ts', 'z'],
  ძ: ['dz', 'ds'], წ: ['ts', 'z'], ჭ: ['ch', 'tsch'], ხ: ['kh', 'ch'], ჯ: ['j', 'dsch'], ჰ: ['h', 'h'],
};

/** Armenian in the common English reading and the German one; ու is one vowel and և is "ev". */
const ARMENIAN: Readonly<Record<string, readonly [string, string]>> = {
  ա: ['a', 'a'], բ: ['b', 'b'], գ: ['g', 'g'], դ: ['d', 'd'], ե: ['e', 'e'], զ: ['z', 's'], է: ['e', 'e'],
  ը: ['y', 'e'], թ: ['t', 't'], ժ: ['zh', 'sch'], ի: ['i', 'i'], լ: ['l', 'l'], խ: ['kh', 'ch'], ծ: ['ts', 'z'],
  կ: ['k', 'k'], հ: ['h', 'h'], ձ: ['dz', 'ds'], ղ: ['gh', 'gh'], ճ: ['ch', 'tsch'], մ: ['m', 'm'], յ: ['y', 'j'],
  ն: ['n', 'n'], շ: ['sh', 'sch'], ո: ['o', 'o'], չ: ['ch', 'tsch'], պ: ['p', 'p'], ջ: ['j', 'dsch'], ռ: ['r', 'r'],
  ս: ['s', 's'], վ: ['v', 'w'], տ: ['t', 't'], ր: ['r', 'r'], ց: ['ts', 'z'], ւ: ['v', 'w'], փ: ['p', 'p'],
  ք: ['k', 'k'], օ: ['o', 'o'], ֆ: ['f', 'f'], և: ['ev', 'ew'],
};

function tableForms(word: string, table: Readonly<Record<string, readonly [string, string]>>): string[] {
  const lower = word.toLowerCase().replace(/ու/g, 'u');
  return [0, 1].map((column) => {
    let out = '';
    for (const ch of lower) {
      const row = table[ch];
      out += row ? row[column === 0 ? 0 : 1] : foldLatin(anyAscii(ch));
    }
    return out;
  });
}

/**
 * Arabic-script consonants (Arabic, Persian, Urdu, Pashto). Short vowels are not written, so the readings keep only
 * long vowels; the scorer compares abjad tokens on consonant skeletons. Two columns: English and French conventions.
 */
const ARABIC: Readonly<Record<string, readonly [string, string]>> = {
  ا: ['a', 'a'], أ: ['a', 'a'], إ: ['i', 'i'], آ: ['a', 'a'], ٱ: ['a', 'a'], ء: ['', ''], ؤ: ['u', 'ou'], ئ: ['i', 'i'],
  ب: ['b', 'b'], ت: ['t', 't'], ث: ['th', 's'], ج: ['j', 'dj'], ح: ['h', 'h'], خ: ['kh', 'kh'], د: ['d', 'd'],
  ذ: ['dh', 'z'], ر: ['r', 'r'], ز: ['z', 'z'], س: ['s', 's'], ش: ['sh', 'ch'], ص: ['s', 's'], ض: ['d', 'd'],
  ط: ['t', 't'], ظ: ['z', 'z'], ع: ['', ''], غ: ['gh', 'gh'], ف: ['f', 'f'], ق: ['q', 'k'], ك: ['k', 'k'],
  ل: ['l', 'l'], م: ['m', 'm'], ن: ['n', 'n'], ه: ['h', 'h'], ة: ['a', 'a'], و: ['u', 'ou'], ي: ['i', 'i'],
  ى: ['a', 'a'], پ: ['p', 'p'], چ: ['ch', 'tch'], ژ: ['zh', 'j'], گ: ['g', 'g'], ک: ['k', 'k'], ی: ['i', 'i'],
  ے: ['e', 'e'], ٹ: ['t', 't'], ڈ: ['d', 'd'], ڑ: ['r', 'r'], ں: ['n', 'n'], ھ: ['h', 'h'],
};

function arabicForms(word: string): string[] {
  // Harakat (short-vowel marks) and tatweel carry no consonant.
  const bare = word.replace(/[\u064B-\u065F\u0670\u0640\u200C\u200D]/g, '');
  return [0, 1].map((column) => {
    let out = '';
    const chars = [...bare];
    chars.forEach((ch, i) => {
      // Word-initial و and ي are consonants (w, y), elsewhere usually long vowels.
      if (i === 0 && ch === 'و') out += 'w';
      else if (i === 0 && (ch === 'ي' || ch === 'ی')) out += 'y';
      else {
        const row = ARABIC[ch];
        out += row ? row[column === 0 ? 0 : 1] : foldLatin(anyAscii(ch));
      }
    });
    return out;
  });
}

export function detectScript(word: string): Script {
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (/\p{Script=Latin}/u.test(ch)) return 'latin';
    if (code >= 0x0400 && code <= 0x052f) return 'cyrillic';
    if (code >= 0x0370 && code <= 0x03ff) return 'greek';
    if (code >= 0x1f00 && code <= 0x1fff) return 'greek';
    if (code >= 0x10a0 && code <= 0x10ff) return 'georgian';
    if (code >= 0x0530 && code <= 0x058f) return 'armenian';
    if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfdff)) return 'arabic';
    if (code >= 0x0590 && code <= 0x05ff) return 'hebrew';
    if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return 'cjk';
    if (/\p{L}/u.test(ch)) return 'other';
  }
  return 'latin';
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** All Latin readings of a token; Latin tokens are simply folded, unknown scripts go through any-ascii. */
export function transliterate(word: string): Transliteration {
  const script = detectScript(word);
  switch (script) {
    case 'latin':
      return { script, forms: unique([foldLatin(word)]) };
    case 'cyrillic':
      return { script, forms: unique(cyrillicForms(word)) };
    case 'greek':
      return { script, forms: unique(greekForms(word)) };
    case 'georgian':
      return { script, forms: unique(tableForms(word, GEORGIAN)) };
    case 'armenian':
      return { script, forms: unique(tableForms(word, ARMENIAN)) };
    case 'arabic':
      return { script, forms: unique(arabicForms(word)) };
    case 'hebrew':
    case 'cjk':
    case 'other':
      return { script, forms: unique([foldLatin(anyAscii(word))]) };
  }
}
