/** Whether this instance can reach its database, for the load balancer's health check. */
import { ping, type Db } from '../../storage/db.ts';

export async function checkHealth(db: Db): Promise<boolean> {
  try {
    await ping(db);
    return true;
  } catch {
    return false;
  }
}
