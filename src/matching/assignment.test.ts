/** The one-to-one assignment maximises the total, unlike picking each row's best column. */
import { describe, expect, it } from 'vitest';
import { maximumAssignment } from './assignment.ts';

describe('maximumAssignment', () => {
  it('beats greedy choice', () => {
    // Greedy gives row 0 → col 0 (0.9) and row 1 → col 1 (0.1); optimal is 0.8 + 0.8.
    expect(maximumAssignment([0.9, 0.8, 0.8, 0.1], 2, 2)).toEqual([1, 0]);
  });

  it('handles rectangular matrices both ways', () => {
    expect(maximumAssignment([0.1, 0.9, 0.2], 1, 3)).toEqual([1]);
    expect(maximumAssignment([0.2, 0.7, 0.1], 3, 1)).toEqual([-1, 0, -1]);
    expect(maximumAssignment([], 0, 3)).toEqual([]);
  });
});
