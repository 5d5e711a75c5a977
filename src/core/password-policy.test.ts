import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';

const common = new Set(readFileSync(new URL('./wordlists/common-passwords.txt', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));

describe('password policy', () => {
  it('accepts long unusual passwords and passphrases with no composition rules', () => {
    expect(checkPassword('violet tractor humming lagoon', {}, common)).toBeNull();
    expect(checkPassword('zwölf Äpfel im Schnee 2026', {}, common)).toBeNull();
    expect(checkPassword('kx7-Pm2q-Wv9t', {}, common)).toBeNull();
  });

  it('enforces 12 to 128 characters, counted as characters', () => {
    expect(checkPassword('Tr7#kq9!Lm2', {}, common)).toBe('too_short');
    expect(checkPassword('a'.repeat(129), {}, common)).toBe('too_long');
    expect(checkPassword('日本語のパスワードは安全ですね', {}, common)).toBeNull();
  });

  it('rejects common, breached and keyboard-walk passwords', () => {
    for (const pw of ['123456789012', 'qwertyuiopas', 'passwordpassword', 'Password1234', 'P@ssw0rd2024!', 'football12345', '1qaz2wsx3edc', 'Summer2024!!', 'dragon19901990'])
      expect(checkPassword(pw, {}, common), pw).toBe('common');
  });

  it('rejects repeated characters and repeated units', () => {
    expect(checkPassword('aaaaaaaaaaaaaa', {}, common)).toBe('repetitive');
    expect(checkPassword('abcabcabcabc', {}, common)).toBe('repetitive');
    expect(checkPassword('xyxyxyxyxyxyz', {}, common)).toBe('repetitive');
  });

  it('rejects the email, the name or the site name inside the password', () => {
    const ctx = { email: 'anna.kowalska@police.example', name: 'Anna Kowalska', siteNames: ['Demo Police Cooperation Office', 'DPCO'] };
    expect(checkPassword('kowalska-violet-99', ctx, common)).toBe('personal');
    expect(checkPassword('my cooperation trumpet', ctx, common)).toBe('personal');
    expect(checkPassword('purple liaison tiger', {}, common)).toBe('personal');
    expect(checkPassword('violet tractor humming', ctx, common)).toBeNull();
  });
});
