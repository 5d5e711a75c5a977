/** Reading the repeating rows of a posted form (`aliases.0.familyName`, `entities.2.number`…) as the portal's long forms post them. */

export type Body = Record<string, unknown>;

/** One text value of a posted field: the first when it repeats, empty when absent or a file. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The row indexes posted under `prefix.N.…`, in numeric order (a browser sends them in page order, a client may not). */
function rowIndexes(body: Body, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`);
  const found = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = pattern.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The rows posted under `prefix`, each with the given keys, blank rows (the spare ones a form shows) left out. */
export function rows<K extends string>(body: Body, prefix: string, keys: readonly K[], blank: (row: Record<K, string>) => boolean): Record<K, string>[] {
  return rowIndexes(body, prefix)
    .map((i) => Object.fromEntries(keys.map((k) => [k, str(body[`${prefix}.${i}.${k}`])])) as Record<K, string>)
    .filter((row) => !blank(row));
}
