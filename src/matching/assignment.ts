/** Optimal one-to-one assignment (Hungarian algorithm) of query name parts to candidate name parts. */

/** Reused scratch: the assignment runs for every pair of names a search compares, and names have few parts. */
let u = new Float64Array(8);
let v = new Float64Array(8);
let p = new Int32Array(8);
let way = new Int32Array(8);
let minv = new Float64Array(8);
let used = new Uint8Array(8);

function reserve(size: number): void {
  if (size <= p.length) return;
  const n = Math.max(size, p.length * 2);
  u = new Float64Array(n);
  v = new Float64Array(n);
  p = new Int32Array(n);
  way = new Int32Array(n);
  minv = new Float64Array(n);
  used = new Uint8Array(n);
}

/**
 * Returns, for each row, the column assigned to it (or -1), maximising the summed gain; `gain` is row-major, the gain
 * of row r and column c at `r * columns + c`. Rectangular input is fine. O(n²·m) with n = min side: names have few
 * parts, so this costs microseconds.
 */
export function maximumAssignment(gain: ArrayLike<number>, rows: number, columns: number): number[] {
  const result = new Array<number>(rows).fill(-1);
  if (rows === 0 || columns === 0) return result;
  const transpose = rows > columns;
  const n = transpose ? columns : rows;
  const m = transpose ? rows : columns;
  reserve(Math.max(n, m) + 1);
  // Classic e-maxx formulation with potentials, 1-based, n <= m.
  u.fill(0, 0, n + 1);
  v.fill(0, 0, m + 1);
  p.fill(0, 0, m + 1);
  way.fill(0, 0, m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY, 0, m + 1);
    used.fill(0, 0, m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        // The cost, inline: a closure made per call costs a defineProperty under tsx, and this runs for every pair.
        const cost = -(transpose ? (gain[(j - 1) * columns + (i0 - 1)] as number) : (gain[(i0 - 1) * columns + (j - 1)] as number));
        const cur = cost - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = p[j] as number;
          u[row] = (u[row] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  for (let j = 1; j <= m; j++) {
    const i = p[j] as number;
    if (i === 0) continue;
    if (transpose) result[j - 1] = i - 1;
    else result[i - 1] = j - 1;
  }
  return result;
}
