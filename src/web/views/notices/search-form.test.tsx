import { describe, expect, it } from 'vitest';
import { I18n } from '../../../i18n/i18n.ts';
import { SearchForm, type HeldNationalities } from './search-form.tsx';

const i18n = new I18n();
const none = new Map<string, string>();

const form = (tr: ReturnType<I18n['translator']>, values: Record<string, string>, held: HeldNationalities = ['DE', 'FR'], errors = none): string =>
  String(<SearchForm tr={tr} values={values} errors={errors} nationalities={held} />);

describe('the search form with kept controls', () => {
  it('renders a state seen before exactly as a form rendered afresh', () => {
    const tr = i18n.translator('en');
    const a = { kind: 'wanted', sex: 'M', nationality: 'FR', ageMin: '20', sort: 'name', familyName: 'Nowak' };
    const b = { kind: 'missing', sex: 'F', nationality: 'DE', ageMax: '30', q: 'lyon' };
    const first = form(tr, a);
    form(tr, b);
    expect(form(tr, a)).toBe(first);
    // Another translator keeps its own controls: the same state from nothing.
    expect(form(new I18n().translator('en'), a)).toBe(first);
    expect(first).toContain('<option value="FR" selected="">');
    expect(first).toContain('value="Nowak"');
  });

  it('offers the nationalities held now, not those of an earlier render', () => {
    const tr = i18n.translator('en');
    expect(form(tr, { nationality: 'FR' }, ['DE', 'FR'])).not.toContain('value="BR"');
    expect(form(tr, { nationality: 'FR' }, ['BR', 'DE', 'FR'])).toContain('value="BR"');
  });

  it('renders a form with errors afresh, with its messages', () => {
    const tr = i18n.translator('en');
    form(tr, { ageMin: '20' });
    const withError = form(tr, { ageMin: '20' }, null, new Map([['ageMin', 'too young']]));
    expect(withError).toContain('too young');
    expect(withError).toContain('aria-invalid="true"');
    expect(form(tr, { ageMin: '20' })).not.toContain('too young');
  });
});
