/** Whether an account has any passkey, so the second-factor page offers passkey sign-in only where it can work. */
import type { Db } from '../../storage/db.ts';
import { listPasskeys } from '../../storage/repositories/accounts.ts';

export async function hasPasskeys(db: Db, userId: string): Promise<boolean> {
  return (await listPasskeys(db, userId)).length > 0;
}
