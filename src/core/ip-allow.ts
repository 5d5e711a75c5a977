/** Address allow-lists for API keys: exact IPv4/IPv6 addresses or CIDR ranges, checked with Node's BlockList. */
import { BlockList, isIP } from 'node:net';

/** Parses one entry (`203.0.113.7`, `2001:db8::/32`); returns null when it is not an address or range. */
export function parseAllowEntry(text: string): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return null;
  return { address, prefix, family };
}

/** True when the list is empty (no restriction) or the address falls in one of its entries. */
export function isAddressAllowed(address: string, entries: readonly string[]): boolean {
  if (entries.length === 0) return true;
  // IPv4 clients on a dual-stack socket arrive as ::ffff:a.b.c.d.
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const version = isIP(plain);
  if (version === 0) return false;
  const list = new BlockList();
  for (const text of entries) {
    const e = parseAllowEntry(text);
    if (!e) continue;
    if (e.prefix === null) list.addAddress(e.address, e.family);
    else list.addSubnet(e.address, e.prefix, e.family);
  }
  return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
}
