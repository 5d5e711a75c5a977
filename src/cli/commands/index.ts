/** Every operator command, in the order `help` lists them. */
import type { CliCommand } from '../command.ts';
import { command as migrate } from './migrate.ts';

export const commands: CliCommand[] = [migrate];
