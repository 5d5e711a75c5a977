/**
 * Counts the transactions this process has committed, on every database it opened: a reader that kept a value read
 * from the database (the change log's head) can tell at the cost of one comparison whether this process wrote since.
 */
import type { DatabaseConnection, Dialect, Driver } from 'kysely';

let committed = 0;

/** Transactions committed by this process so far; it moves once each commit has returned. */
export function commitsSoFar(): number {
  return committed;
}

/** The dialect with its driver's commits counted (see `commitsSoFar`); everything else is the dialect's own. */
export function countingCommits(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: (): Driver => {
      const driver = dialect.createDriver();
      const commit = driver.commitTransaction.bind(driver);
      // Counted after the commit returns: a value read before that may predate the commit, and the count tells.
      driver.commitTransaction = async (connection: DatabaseConnection) => {
        await commit(connection);
        committed++;
      };
      return driver;
    },
  };
}
