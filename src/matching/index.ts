/** Public API of the person-name matching engine: analysis, pair scoring, explanations and the candidate index. */
export { analyseName, type AnalysedName, type TokenInfo, type TokenKind } from './analyse.ts';
export { explain, type ExplainLanguage, type ExplanationItem, type ExplanationKind } from './explain.ts';
export { toCountryCode, type Sex } from './evidence.ts';
export { MATCH_THRESHOLD, scorePerson, type PersonQuery, type PersonRecord, type ScoreResult } from './score.ts';
export { frequencyStats, statsFromNames, uniformStats, type TokenStats } from './stats.ts';
export { PersonIndex, type PersonMatch, type SearchOptions } from './person-index.ts';
