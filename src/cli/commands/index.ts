/** Every operator command, in the order `help` lists them. */
import type { CliCommand } from '../command.ts';
import { command as match } from './match.ts';
import { command as migrate } from './migrate.ts';
import { command as scorePairs } from './score-pairs.ts';
import { command as seedDemo } from './seed-demo.ts';

export const commands: CliCommand[] = [migrate, seedDemo, match, scorePairs];
