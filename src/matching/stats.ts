/** Token weights from frequency statistics: rare name parts identify a person better than common ones. */
import { analyseName, type TokenInfo } from './analyse.ts';

export interface TokenStats {
  /** Weight of a part in [0, 1]; full weight for rare names, less for common ones, little for particles. */
  weight(token: TokenInfo): number;
}

const PARTICLE_WEIGHT = 0.1;
const HONORIFIC_WEIGHT = 0.25;
const INITIAL_WEIGHT = 0.3;
/** Parts found in at most 1 of this many names get full weight. */
const RARE_RATIO = 200;
const COMMON_FLOOR = 0.35;

function kindWeight(token: TokenInfo): number | null {
  switch (token.kind) {
    case 'particle':
      return PARTICLE_WEIGHT;
    case 'honorific':
      return HONORIFIC_WEIGHT;
    case 'initial':
      return INITIAL_WEIGHT;
    case 'name':
      return null;
  }
}

/** Every name part weighs the same: used when no frequency table is available. */
export const uniformStats: TokenStats = { weight: (token) => kindWeight(token) ?? 1 };

/** Inverse-document-frequency weight: `documentFrequency` counts the names (documents) holding the token. */
export function frequencyStats(documentFrequency: (token: TokenInfo) => number, totalDocuments: number): TokenStats {
  const scale = Math.log(RARE_RATIO);
  return {
    weight(token) {
      const fixed = kindWeight(token);
      if (fixed !== null) return fixed;
      const idf = Math.log((totalDocuments + 1) / (documentFrequency(token) + 1));
      return COMMON_FLOOR + (1 - COMMON_FLOOR) * Math.max(0, Math.min(1, idf / scale));
    },
  };
}

/** Frequency table counted over a list of full names (each name counts a token once). */
export function statsFromNames(names: Iterable<string>): TokenStats {
  const counts = new Map<string, number>();
  let total = 0;
  for (const name of names) {
    total++;
    for (const text of new Set(analyseName(name).parts.map((p) => p.text))) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return frequencyStats((token) => counts.get(token.text) ?? 0, total);
}
