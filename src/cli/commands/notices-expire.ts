/** `notices-expire`: expires now every circulating notice past its five years, as each instance's clock does every ten minutes. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { expireNoticeRequests } from '../../services/notice-requests/expire-notice-requests.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'notices-expire',
  summary: 'Expire notices whose validity has ended (optionally as of --at YYYY-MM-DD)',
  usage: 'notices-expire [--at YYYY-MM-DD]',
  async run(args, io) {
    const at = parseArgs(args).flags.get('at')?.[0];
    const now = at === undefined ? new Date() : new Date(`${at}T00:00:00Z`);
    if (Number.isNaN(now.getTime()) || (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at))) {
      io.stderr.write('--at must be a date written YYYY-MM-DD\n');
      return 2;
    }
    const store = openConfiguredStore(loadConfig());
    try {
      const expired = await expireNoticeRequests(store.db, now);
      io.stdout.write(`expired: ${expired}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
