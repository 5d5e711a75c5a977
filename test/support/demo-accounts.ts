/** The principal a seeded demo account acts as, for tests that check what the demo data lets each account do. */
import type { Principal } from '../../src/core/principal.ts';
import { demoPrincipal } from '../../src/services/demo/seed-demo-accounts.ts';
import type { Store } from '../../src/storage/db.ts';

export async function demoAccount(store: Store, email: string): Promise<Principal> {
  const found = await demoPrincipal(store.db, email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
}
