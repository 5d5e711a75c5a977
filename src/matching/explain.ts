/** Structured match explanations (stable `kind` codes) and their rendering as sentences an officer can read. */
import type { PartMatchKind } from './similarity.ts';

export type EvidenceVerdict = 'match' | 'mismatch';
export type DateVerdict = 'match' | 'partial' | 'day-month-swap' | 'near' | 'mismatch';

export type ExplanationItem =
  | { readonly kind: 'names-compared'; readonly query: string; readonly candidate: string }
  | {
      readonly kind: 'part-matched';
      readonly how: PartMatchKind;
      readonly query: string;
      readonly candidate: string;
      /** Edit distance for `typo`, 0 otherwise. */
      readonly distance: number;
    }
  | { readonly kind: 'part-unmatched'; readonly side: 'query' | 'candidate'; readonly part: string }
  | { readonly kind: 'part-gender-form'; readonly query: string; readonly candidate: string }
  | { readonly kind: 'part-different-name'; readonly query: string; readonly candidate: string }
  | { readonly kind: 'parts-conflict' }
  | { readonly kind: 'patronymic-reversed' }
  | { readonly kind: 'single-part-only'; readonly part: string }
  | { readonly kind: 'date-of-birth'; readonly verdict: DateVerdict; readonly query: string; readonly candidate: string }
  | {
      readonly kind: 'nationality';
      readonly verdict: EvidenceVerdict;
      readonly query: readonly string[];
      readonly candidate: readonly string[];
    }
  | { readonly kind: 'sex'; readonly verdict: EvidenceVerdict; readonly query: string; readonly candidate: string };

const HOW: Readonly<Record<PartMatchKind, string>> = {
  exact: 'exactly',
  transliteration: 'as a transliteration or spelling variant',
  variant: 'as a variant of the same given name',
  phonetic: 'by sound',
  typo: 'with a typing difference',
  initial: 'as an initial',
  joined: 'with the parts written together or apart',
};

const DATE: Readonly<Record<DateVerdict, string>> = {
  match: 'is the same',
  partial: 'agrees as far as both are known',
  'day-month-swap': 'agrees with day and month swapped',
  near: 'is one year apart',
  mismatch: 'is different',
};

function quote(text: string): string {
  return `“${text}”`;
}

function renderEnglish(item: ExplanationItem): string {
  switch (item.kind) {
    case 'names-compared':
      return `Compared the name ${quote(item.query)} with ${quote(item.candidate)}.`;
    case 'part-matched': {
      const edits = item.how === 'typo' ? ` (${item.distance} ${item.distance === 1 ? 'edit' : 'edits'})` : '';
      return `${quote(item.query)} matches ${quote(item.candidate)} ${HOW[item.how]}${edits}.`;
    }
    case 'part-unmatched':
      return item.side === 'query'
        ? `${quote(item.part)} in the searched name has no counterpart.`
        : `${quote(item.part)} in the record has no counterpart in the searched name.`;
    case 'part-gender-form':
      return `${quote(item.query)} and ${quote(item.candidate)} are the male and female forms of a name: different people.`;
    case 'part-different-name':
      return `${quote(item.query)} and ${quote(item.candidate)} look alike but are different names.`;
    case 'parts-conflict':
      return 'Both names have parts the other lacks, which points to different people.';
    case 'patronymic-reversed':
      return 'The given name and the father’s name are swapped (son and father are different people).';
    case 'single-part-only':
      return `Only one name part (${quote(item.part)}) matches, which is not enough on its own.`;
    case 'date-of-birth':
      return `Date of birth ${item.query} ${DATE[item.verdict]} (record: ${item.candidate}).`;
    case 'nationality':
      return item.verdict === 'match'
        ? `Nationality agrees (${item.query.join(', ')}).`
        : `Nationality differs: ${item.query.join(', ')} searched, ${item.candidate.join(', ')} on record.`;
    case 'sex':
      return item.verdict === 'match' ? `Sex agrees (${item.query}).` : `Sex differs: ${item.query} searched, ${item.candidate} on record.`;
  }
}

/** Languages rendered here; the web layer localises further through its ICU catalogs, keyed by `kind`. */
export type ExplainLanguage = 'en';

const RENDERERS: Readonly<Record<ExplainLanguage, (item: ExplanationItem) => string>> = { en: renderEnglish };

/** Renders one item as a sentence. */
export function explain(item: ExplanationItem, lang: ExplainLanguage = 'en'): string {
  return RENDERERS[lang](item);
}
