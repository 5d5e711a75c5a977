/** `match`: screens a person against the configured database's published notices and prints the explained candidates. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { noticeKinds, partialDate, sexes, type NoticeKind, type Sex } from '../../core/notices.ts';
import { matchPerson, MAX_MATCH_LIMIT, type MatchCandidate } from '../../services/notices/match-person.ts';
import { NoticeIndex } from '../../services/notices/notice-index.ts';
import { parseArgs, type CliCommand } from '../command.ts';

function oneOf<T extends string>(values: readonly T[], value: string | undefined, flag: string): T | undefined {
  if (value === undefined) return undefined;
  const upper = flag === 'kind' ? value.toLowerCase() : value.toUpperCase();
  const found = values.find((v) => v === upper);
  if (!found) throw new Error(`--${flag} must be one of ${values.join(', ')}`);
  return found;
}

function describe(rank: number, c: MatchCandidate): string {
  const n = c.notice;
  const facts = [n.kind, n.dateOfBirth ? `born ${n.dateOfBirth}` : null, n.nationalities.join(', ') || null, `sex ${n.sex}`].filter(Boolean);
  return [
    `${String(rank).padStart(2)}. ${n.reference}  ${n.forename} ${n.familyName.toUpperCase()}  score ${c.score.toFixed(2)}${c.match ? '  MATCH' : ''}`,
    `    ${facts.join(' · ')}`,
    `    ${c.text}`,
  ].join('\n');
}

export const command: CliCommand = {
  name: 'match',
  summary: 'Screen a name against the published notices, with explanations',
  usage: 'match "NAME" ["OTHER NAME" ...] [--dob YYYY[-MM[-DD]]] [--nationality CC]... [--sex F|M|U] [--kind wanted|missing] [--limit N]',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args);
    const names = positionals.map((p) => p.trim()).filter(Boolean);
    if (names.length === 0) throw new Error('give at least one name');
    const dob = flags.get('dob')?.[0];
    if (dob !== undefined && !partialDate.safeParse(dob).success) throw new Error('--dob must be YYYY, YYYY-MM or YYYY-MM-DD');
    const nationalities = (flags.get('nationality') ?? []).map((n) => n.toUpperCase());
    if (nationalities.some((n) => !/^[A-Z]{2}$/.test(n))) throw new Error('--nationality must be a two-letter country code');
    const limit = Number(flags.get('limit')?.[0] ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCH_LIMIT) throw new Error(`--limit must be a whole number from 1 to ${MAX_MATCH_LIMIT}`);
    const sex: Sex | undefined = oneOf(sexes, flags.get('sex')?.[0], 'sex');
    const kind: NoticeKind | undefined = oneOf(noticeKinds, flags.get('kind')?.[0], 'kind');

    const store = openConfiguredStore(loadConfig());
    const index = await NoticeIndex.build(store.db, { pollMs: 0 });
    try {
      const candidates = await matchPerson(store.db, index, { names, dateOfBirth: dob, nationalities, sex }, { limit, kind });
      if (candidates.length === 0) {
        io.stdout.write(`no candidates among ${index.size} published notices\n`);
        return 0;
      }
      io.stdout.write(`${candidates.length} candidate(s) among ${index.size} published notices, best first:\n\n`);
      io.stdout.write(`${candidates.map((c, i) => describe(i + 1, c)).join('\n\n')}\n`);
      return 0;
    } finally {
      index.close();
      await store.close();
    }
  },
};
