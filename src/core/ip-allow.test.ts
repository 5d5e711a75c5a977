import { describe, expect, it } from 'vitest';
import { isAddressAllowed, parseAllowEntry } from './ip-allow.ts';

describe('address allow-lists', () => {
  it('allows any address when the list is empty', () => {
    expect(isAddressAllowed('198.51.100.1', [])).toBe(true);
  });
  it('matches exact addresses and CIDR ranges, IPv4 and IPv6', () => {
    const list = ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'];
    expect(isAddressAllowed('203.0.113.7', list)).toBe(true);
    expect(isAddressAllowed('203.0.113.8', list)).toBe(false);
    expect(isAddressAllowed('198.51.100.200', list)).toBe(true);
    expect(isAddressAllowed('2001:db8:1::5', list)).toBe(true);
    expect(isAddressAllowed('2001:db9::5', list)).toBe(false);
    expect(isAddressAllowed('::ffff:203.0.113.7', list)).toBe(true);
    expect(isAddressAllowed('unknown', list)).toBe(false);
  });
  it('refuses malformed entries', () => {
    expect(parseAllowEntry('10.0.0.0/33')).toBeNull();
    expect(parseAllowEntry('example.org')).toBeNull();
    expect(parseAllowEntry('10.0.0.1/8/1')).toBeNull();
    expect(parseAllowEntry('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
  });
});
