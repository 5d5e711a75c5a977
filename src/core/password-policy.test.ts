import { describe, expect, it } from 'vitest';
import { checkPassword, describePasswordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('accepts long unusual passwords and passphrases with no composition rules', () => {
    expect(checkPassword('violet tractor humming lagoon')).toBeNull();
    expect(checkPassword('zwölf Äpfel im Schnee 2026')).toBeNull();
    expect(checkPassword('kx7-Pm2q-Wv9t')).toBeNull();
  });

  it('enforces 12 to 128 characters, counted as characters', () => {
    expect(checkPassword('Tr7#kq9!Lm2')).toBe('too_short');
    expect(checkPassword('a'.repeat(129))).toBe('too_long');
    expect(checkPassword('日本語のパスワードは安全ですね')).toBeNull();
  });

  it('rejects common, breached and keyboard-walk passwords', () => {
    for (const pw of ['123456789012', 'qwertyuiopas', 'passwordpassword', 'Password1234', 'P@ssw0rd2024!', 'football12345', '1qaz2wsx3edc', 'Summer2024!!', 'dragon19901990'])
      expect(checkPassword(pw), pw).toBe('common');
  });

  it('rejects repeated characters and repeated units', () => {
    expect(checkPassword('aaaaaaaaaaaaaa')).toBe('repetitive');
    expect(checkPassword('abcabcabcabc')).toBe('repetitive');
    expect(checkPassword('xyxyxyxyxyxyz')).toBe('repetitive');
  });

  it('rejects the email, the name or the site name inside the password', () => {
    const ctx = { email: 'anna.kowalska@police.example', name: 'Anna Kowalska', siteNames: ['Demo Police Cooperation Office', 'DPCO'] };
    expect(checkPassword('kowalska-violet-99', ctx)).toBe('personal');
    expect(checkPassword('my cooperation trumpet', ctx)).toBe('personal');
    expect(checkPassword('purple liaison tiger', {})).toBe('personal');
    expect(checkPassword('violet tractor humming', ctx)).toBeNull();
  });

  it('explains every problem', () => {
    for (const p of ['too_short', 'too_long', 'common', 'personal', 'repetitive'] as const) expect(describePasswordProblem(p)).toMatch(/\w/);
  });
});
