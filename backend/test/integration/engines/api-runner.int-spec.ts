import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import type { Connector } from 'src/datasources/external-db/connector.js';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { ApiRunner, type ApiRunRequest } from 'src/engines/api-runner.js';
import { ConnectorSource, type ApiDatasourceInfo } from 'src/engines/engine.js';
import { ScriptEngine } from 'src/engines/script/script.engine.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import { configFor } from 'test/integration/datasources/datasource-configs.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { apiSnapshot } from 'test/support/gateway-factory.js';

/** Hands out one real connector, as a value (a warm source) or as a promise (a source still loading). */
class OneSource extends ConnectorSource {
  constructor(
    private readonly connector: Connector,
    private readonly asPromise: boolean,
  ) {
    super();
  }
  connectorFor(): Connector | Promise<Connector> {
    return this.asPromise ? Promise.resolve(this.connector) : this.connector;
  }
  describe(id: string): ApiDatasourceInfo {
    return { id, name: 'runner', type: 'postgres', database: 'runner' };
  }
}

const BY_ID = 'SELECT id, name FROM item WHERE id = {{ id }}';
let versions = 0;

describe(ApiRunner.name, () => {
  let db: TestDatabase;
  let connector: PostgresConnector;
  let scripts: ScriptEngine;
  let runner: ApiRunner;

  const snapshot = (overrides: Partial<ApiSnapshot> = {}): ApiSnapshot =>
    apiSnapshot({ datasourceId: 'ds-runner', content: BY_ID, params: [{ name: 'id', location: 'path', type: 'integer', required: true }], ...overrides });
  const request = (overrides: Partial<ApiSnapshot> = {}, extra: Partial<ApiRunRequest> = {}): ApiRunRequest => ({
    apiId: 'api-runner',
    // Compiled validators and transforms are cached per version: every request is its own version here.
    versionKey: `v-${++versions}`,
    moduleId: null,
    snapshot: snapshot(overrides),
    macros: { sql: [], script: [] },
    params: { id: 2 },
    requestId: 'req-runner',
    signal: new AbortController().signal,
    ...extra,
  });

  beforeAll(async () => {
    db = await createPgDatabase('qg_runner');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL); INSERT INTO item VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    await admin.end();
    connector = new PostgresConnector(configFor('postgres', db, { poolMax: 2 }));
    scripts = new ScriptEngine({ poolSize: 1, timeoutMs: 5_000 });
    runner = new ApiRunner(new SqlEngine(), scripts, new OneSource(connector, false), { defaultMaxRows: 100 });
  });

  afterAll(async () => {
    await scripts?.close();
    await connector?.close();
    await db?.drop();
  });

  describe('run', () => {
    it('should answer an SQL API with its rows, and no statements unless asked', async () => {
      const run = await runner.run(request());
      expect(run).toMatchObject({ status: 200, envelope: { success: true, message: null, data: [{ id: 2, name: 'b' }] }, rowCount: 1 });
      expect(run.statements).toBeUndefined();
      expect(run.error).toBeUndefined();
      expect(run.timings.totalMs).toBeGreaterThanOrEqual(run.timings.executeMs);
    });

    it('should return the bound statements when asked', async () => {
      const run = await runner.run(request({}, { collectStatements: true }));
      expect(run.statements).toEqual([{ sql: 'SELECT id, name FROM item WHERE id = $1', values: [2], name: expect.stringMatching(/^qg_/) }]);
    });

    it('should answer the same whether the source hands out its connector as a value or as a promise', async () => {
      const loading = new ApiRunner(new SqlEngine(), scripts, new OneSource(connector, true));
      const [warm, cold] = await Promise.all([runner.run(request()), loading.run(request())]);
      expect(cold.envelope).toEqual(warm.envelope);
      expect(cold.status).toBe(200);
    });

    it('should cap the rows and mark the envelope truncated', async () => {
      const run = await runner.run(request({ content: 'SELECT id FROM item ORDER BY id', params: [], maxRows: 2 }, { params: {} }));
      expect(run.envelope).toEqual({ success: true, message: null, data: [{ id: 1 }, { id: 2 }], truncated: true });
      expect(run.rowCount).toBe(2);
    });

    it('should refuse an API without a data source with DATASOURCE_NOT_FOUND', async () => {
      const run = await runner.run(request({ datasourceId: null }));
      expect(run.status).toBe(500);
      expect(run.envelope).toMatchObject({ success: false, code: 'DATASOURCE_NOT_FOUND', data: [] });
      expect(run.error).toMatchObject({ code: 'DATASOURCE_NOT_FOUND', message: 'The API has no data source' });
    });

    it('should answer QUERY_FAILED without showing the database message to callers', async () => {
      const run = await runner.run(request({ content: 'SELECT * FROM no_such_table WHERE id = {{ id }}' }));
      expect(run.status).toBe(500);
      expect(run.envelope).toMatchObject({ success: false, code: 'QUERY_FAILED' });
      expect(run.envelope.message).not.toContain('no_such_table');
      expect(run.error?.message).toContain('no_such_table');
    });

    it('should still run the validators of an API that has them, before the statement', async () => {
      const validators = [{ param: 'id', code: 'return value < 3', message: 'id must be below 3' }];
      const refused = await runner.run(request({ validators }, { params: { id: 3 } }));
      expect(refused.status).toBe(400);
      expect(refused.envelope).toMatchObject({ success: false, code: 'PARAMS_INVALID', errors: [{ param: 'id', message: 'id must be below 3' }] });
      const accepted = await runner.run(request({ validators }, { params: { id: 1 } }));
      expect(accepted.envelope.data).toEqual([{ id: 1, name: 'a' }]);
    });

    it('should pass the rows through the transform of an API that has one', async () => {
      const run = await runner.run(request({ transform: 'return { data: result.data[0].map((r) => r.name.toUpperCase()) };' }));
      expect(run.envelope).toMatchObject({ success: true, data: ['B'] });
    });
  });
});
