import { describe, expect, it } from 'vitest';
import { eyeColors, hairColors, isEyeColor, isHairColor } from './physical.ts';

describe('physical code lists', () => {
  it('uses three-letter upper-case codes', () => {
    for (const code of [...eyeColors, ...hairColors]) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(eyeColors).toContain('BRO');
    expect(hairColors).toContain('BLN');
  });

  it('recognises only listed codes, not inherited object keys', () => {
    expect(isEyeColor('BLU')).toBe(true);
    expect(isEyeColor('BLN')).toBe(false);
    expect(isHairColor('RED')).toBe(true);
    expect(isHairColor('toString')).toBe(false);
  });
});
