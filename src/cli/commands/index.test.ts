import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../command.ts';
import { commands } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const commandFiles = readdirSync(here).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f) && f !== 'index.ts');

describe('operator command registry', () => {
  it.each(commandFiles)('%s is registered', async (file) => {
    const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { command?: CliCommand };
    expect(mod.command, `${file} must export \`command\``).toBeDefined();
    expect(commands, `${file} exports a command that src/cli/commands/index.ts does not list`).toContain(mod.command);
  });

  it('has no two commands of the same name', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
