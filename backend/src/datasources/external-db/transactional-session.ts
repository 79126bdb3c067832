import type { Session } from 'src/datasources/external-db/connector.js';
import { dbError } from 'src/datasources/external-db/db-errors.js';

export interface SessionStatements {
  query: Session['query'];
  begin(readOnly: boolean): Promise<unknown>;
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

/**
 * A script's `Session` over one held connection: the open/closed bookkeeping shared by the SQL drivers
 * (a second begin or a commit without a transaction is an error; rollback without one is a no-op). The
 * driver supplies the statements; the caller rolls back what `inTransaction` says is left open.
 */
export function transactionalSession(statements: SessionStatements): Session {
  let open = false;
  return {
    query: statements.query,
    async begin(readOnly) {
      if (open) throw dbError('QUERY_FAILED', 'A transaction is already open');
      await statements.begin(readOnly);
      open = true;
    },
    async commit() {
      if (!open) throw dbError('QUERY_FAILED', 'No transaction is open');
      open = false;
      await statements.commit();
    },
    async rollback() {
      if (!open) return;
      open = false;
      await statements.rollback();
    },
    get inTransaction() {
      return open;
    },
  };
}
