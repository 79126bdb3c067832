import { describe, expect, it } from 'vitest';
import { statementProblem } from 'src/engines/script/modules/db.js';

describe('statementProblem', () => {
  it.each([
    ['postgres', 'SELECT 1'],
    ['postgres', 'SELECT 1;'],
    ['postgres', "SELECT 'a;b' -- ; DROP\n"],
    ['postgres', 'SELECT $$ ; $$, $tag$ ; $tag$, $1'],
    ['postgres', "SELECT E'it\\'s; fine'"],
    ['mysql', "SELECT 'it\\'s; fine' # ; comment"],
    ['mysql', 'INSERT INTO t VALUES (?, ?)'],
  ] as const)('should accept one statement (%s) %s', (dialect, sql) => {
    expect(statementProblem(sql, dialect)).toBeNull();
  });

  it.each([
    ['postgres', 'SELECT 1; DELETE FROM t'],
    ['postgres', "SELECT 'a\\'; DELETE FROM t; --'"],
    ['postgres', 'COMMIT'],
    ['postgres', '  /* c */ begin'],
    ['postgres', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'],
    ['postgres', 'set default_transaction_read_only = off'],
    ['postgres', "SELECT 'unterminated"],
    ['mysql', 'START TRANSACTION'],
    ['mysql', 'SET @@SESSION.transaction_read_only = 0'],
    ['mysql', 'use other_db'],
    ['postgres', 'RESET ALL'],
    ['mysql', 'SELECT 1; SELECT 2'],
    ['postgres', ''],
  ] as const)('should refuse (%s) %s', (dialect, sql) => {
    expect(statementProblem(sql, dialect)).not.toBeNull();
  });
});
