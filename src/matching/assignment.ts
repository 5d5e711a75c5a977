/** Optimal one-to-one assignment (Hungarian algorithm) of query name parts to candidate name parts. */

/**
 * Returns, for each row, the column assigned to it (or -1), maximising the summed gain. Rectangular input is fine.
 * O(n²·m) with n = min side: names have few parts, so this costs microseconds.
 */
export function maximumAssignment(gain: readonly (readonly number[])[], columns: number): number[] {
  const rows = gain.length;
  if (rows === 0 || columns === 0) return new Array<number>(rows).fill(-1);
  const transpose = rows > columns;
  const n = transpose ? columns : rows;
  const m = transpose ? rows : columns;
  // Classic e-maxx formulation with potentials, 1-based, n <= m.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] ?? 0;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        // The cost, inline: a closure made per call costs a defineProperty under tsx, and this runs for every pair.
        const cost = -(transpose ? (gain[j - 1]?.[i0 - 1] ?? 0) : (gain[i0 - 1]?.[j - 1] ?? 0));
        const cur = cost - (u[i0] ?? 0) - (v[j] ?? 0);
        if (cur < (minv[j] ?? 0)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] ?? 0) < delta) {
          delta = minv[j] ?? 0;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j] ?? 0] = (u[p[j] ?? 0] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else minv[j] = (minv[j] ?? 0) - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] ?? 0;
      p[j0] = p[j1] ?? 0;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= m; j++) {
    const i = p[j] ?? 0;
    if (i === 0) continue;
    if (transpose) result[j - 1] = i - 1;
    else result[i - 1] = j - 1;
  }
  return result;
}
