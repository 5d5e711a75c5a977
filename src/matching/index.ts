/** Public API of the person-name matching engine: pair scoring, explanations and the candidate index. */
export { explain, type ExplanationItem } from './explain.ts';
export { MATCH_THRESHOLD, scorePerson, type PersonQuery, type PersonRecord } from './score.ts';
export { statsFromNames } from './stats.ts';
export { PersonIndex } from './person-index.ts';
