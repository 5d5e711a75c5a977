import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { checkPurpose, requirePurpose } from './audit.ts';

const problem = (raw: unknown) => {
  const r = checkPurpose(raw);
  return r.ok ? null : r.problem;
};

describe('stated purpose', () => {
  it('accepts case references and reasons in several scripts, trimmed', () => {
    expect(checkPurpose('  Case 2026/77 ')).toEqual({ ok: true, purpose: 'Case 2026/77' });
    for (const purpose of [
      'Расследование 2026/14', // Russian
      'Έρευνα υπόθεσης 12', // Greek
      'Enquête n° 2026-33', // French
      'تحقيق 44', // Arabic
      'Ermittlung Müller', // German
      '案件调查', // Chinese: four letters, no spaces
      'जांच 2026', // Hindi, with combining vowel signs
      'AB1', // a bare reference of three letters or digits
    ]) {
      expect(checkPurpose(purpose), purpose).toEqual({ ok: true, purpose });
    }
  });

  it('asks for a purpose when there is none', () => {
    for (const raw of ['', '   ', undefined, null, 42]) expect(problem(raw)).toBe('missing');
  });

  it('refuses invisible characters, wherever they are', () => {
    expect(problem('case\u200b2026')).toBe('invisible'); // zero-width space
    expect(problem('\u202ecase 2026')).toBe('invisible'); // right-to-left override
    expect(problem('case 2026\u2066')).toBe('invisible'); // left-to-right isolate
    expect(problem('\ufeffcase 2026')).toBe('invisible'); // BOM, which trim() would silently drop
    expect(problem('\u200d\u200c\u2060')).toBe('invisible'); // joiners and word joiner alone
    expect(problem('case\u00ad2026')).toBe('invisible'); // soft hyphen
    expect(checkPurpose('case\u200b2026')).toMatchObject({ message: expect.stringMatching(/invisible/) });
  });

  it('refuses control characters and line breaks', () => {
    expect(problem('case\nother')).toBe('control');
    expect(problem('case\tother')).toBe('control');
    expect(problem('case\u0007 2026')).toBe('control');
    expect(problem('case\u2028other')).toBe('control');
    expect(problem('case\u0085other')).toBe('control');
  });

  it('refuses malformed text (a lone surrogate)', () => {
    expect(problem('case \ud800 2026')).toBe('malformed');
  });

  it('refuses punctuation or symbols alone', () => {
    for (const raw of ['...', '-- / --', '???!!!', '€€€', '😀😀😀', '———']) expect(problem(raw), raw).toBe('no_words');
    expect(checkPurpose('...')).toMatchObject({ message: expect.stringMatching(/punctuation or symbols/) });
  });

  it('asks for at least three letters or digits', () => {
    for (const raw of ['ab', 'a.b', '1 / 2', 'я!', 'x — y']) expect(problem(raw), raw).toBe('too_few');
    expect(problem('a-b-c')).toBeNull();
  });

  it('keeps 200 characters at most', () => {
    expect(problem('x'.repeat(200))).toBeNull();
    expect(problem('x'.repeat(201))).toBe('too_long');
  });

  it('raises a validation error on the purpose field', () => {
    expect(requirePurpose(' case 1 ')).toBe('case 1');
    try {
      requirePurpose('…');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).issues[0]).toMatchObject({ field: 'purpose', message: expect.stringMatching(/punctuation/) });
    }
  });
});
