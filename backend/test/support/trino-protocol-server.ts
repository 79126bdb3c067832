import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import Cursor from 'pg-cursor';

/**
 * A small server that speaks Trino's documented client protocol (https://trino.io/docs/current/develop/client-protocol.html)
 * on top of a real PostgreSQL database, so the Trino connector can be tested where no Trino can run.
 * POST /v1/statement answers QUEUED with a nextUri; GETs on nextUri return RUNNING, then pages of `columns` + `data`
 * (`pageSize` rows each, read from a server-side cursor only when the client asks: back-pressure), then FINISHED without
 * nextUri; failures return an `error` object; DELETE on nextUri cancels the PostgreSQL query. `EXECUTE IMMEDIATE '…' USING …`
 * is translated back to a PostgreSQL statement; the session property query_max_execution_time becomes statement_timeout;
 * START TRANSACTION / COMMIT / ROLLBACK with the X-Trino-*-Transaction-Id headers hold one PostgreSQL transaction.
 */
export interface TrinoProtocolServerOptions {
  /** PostgreSQL database the queries run on. */
  pgUrl: string;
  /** Rows per data page. */
  pageSize?: number;
  /** When set, requests must carry HTTP Basic credentials for `user` with this password. */
  password?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
}

export interface TrinoProtocolServer {
  url: string;
  host: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** PostgreSQL statements the server ran (after translation). */
  statements: string[];
  close(): Promise<void>;
}

interface QueryState {
  id: string;
  state: 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';
  client?: pg.Client;
  cursor?: Cursor;
  ready: Promise<void>;
  columns?: { name: string; type: string; oid: number }[];
  pending?: unknown[][];
  command?: string;
  rowCount?: number | null;
  exhausted: boolean;
  error?: { message: string; errorCode: number; errorName: string; errorType: string };
  token: number;
  reading: boolean;
  /** Runs on a transaction's connection, which outlives the query. */
  shared: boolean;
}

const raw: pg.CustomTypesConfig = { getTypeParser: (() => (v: string) => v) as unknown as pg.CustomTypesConfig['getTypeParser'] };

const TRINO_TYPES: Record<number, string> = {
  16: 'boolean', 17: 'varbinary', 20: 'bigint', 21: 'smallint', 23: 'integer', 700: 'real', 701: 'double', 1700: 'decimal(38,10)',
  1082: 'date', 1114: 'timestamp(6)', 1184: 'timestamp(6) with time zone', 114: 'json', 3802: 'json',
};

function encodeValue(oid: number, v: string | null): unknown {
  if (v === null) return null;
  switch (TRINO_TYPES[oid]) {
    case 'boolean':
      return v === 't';
    case 'bigint':
    case 'integer':
    case 'smallint':
      return `\u0000INT:${v}`;
    case 'real':
    case 'double':
      return /^-?[\d.e+-]+$/i.test(v) ? Number(v) : v;
    case 'varbinary':
      return Buffer.from(v.slice(2), 'hex').toString('base64');
    case 'timestamp(6) with time zone':
      return `${v.replace(/\+00$/, '')} UTC`;
    default:
      return v;
  }
}

/** Writes Trino's JSON: integers as raw JSON numbers at any size (as Trino does), everything else as usual. */
const toJson = (page: unknown) => JSON.stringify(page).replace(/"\\u0000INT:(-?\d+)"/g, '$1');

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (inQuote) {
      if (ch === "'" && list[i + 1] === "'") i++;
      else if (ch === "'") inQuote = false;
    } else if (ch === "'") inQuote = true;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.trim()) parts.push(list.slice(start).trim());
  return parts;
}

/** A Trino literal as PostgreSQL text (this is a test server: splicing is how Trino itself receives them). */
function toPgLiteral(lit: string): string {
  const typed = /^(DOUBLE|DECIMAL|JSON|TIMESTAMP|DATE|TIME) ('(?:[^']|'')*')$/s.exec(lit);
  if (typed) {
    const [, kind, q] = typed;
    if (kind === 'DOUBLE') return `${q}::double precision`;
    if (kind === 'DECIMAL') return `${q}::numeric`;
    if (kind === 'JSON') return `${q}::jsonb`;
    if (kind === 'TIMESTAMP' && / UTC'$/.test(q)) return `${q.replace(/ UTC'$/, "+00'")}::timestamptz`;
    return `${kind} ${q}`;
  }
  const hex = /^X'([0-9a-f]*)'$/i.exec(lit);
  if (hex) return `'\\x${hex[1]}'::bytea`;
  const arr = /^ARRAY\[(.*)\]$/s.exec(lit);
  if (arr) return `ARRAY[${splitTopLevel(arr[1]).map(toPgLiteral).join(', ')}]`;
  return lit;
}

/** `EXECUTE IMMEDIATE '<sql>' USING a, b` → PostgreSQL SQL with the literals in place of `?`. */
export function translateExecuteImmediate(sql: string): string {
  const m = /^\s*EXECUTE\s+IMMEDIATE\s+'((?:[^']|'')*)'\s+USING\s+(.*)$/is.exec(sql);
  if (!m) return sql;
  const text = m[1].replace(/''/g, "'");
  const literals = splitTopLevel(m[2]).map(toPgLiteral);
  let out = '';
  let n = 0;
  let inQuote = false;
  for (const ch of text) {
    if (ch === "'") inQuote = !inQuote;
    if (ch === '?' && !inQuote) {
      if (n >= literals.length) throw new Error('Not enough USING values');
      out += literals[n++];
    } else out += ch;
  }
  return out;
}

function errorOf(err: unknown): QueryState['error'] {
  const e = err as { code?: string; message?: string };
  if (e.code === '57014' && /statement timeout/.test(e.message ?? '')) {
    return { message: 'Query exceeded maximum time limit', errorCode: 131075, errorName: 'EXCEEDED_TIME_LIMIT', errorType: 'INSUFFICIENT_RESOURCES' };
  }
  if (e.code === '57014') return { message: 'Query was canceled', errorCode: 3, errorName: 'USER_CANCELED', errorType: 'USER_ERROR' };
  const syntax = e.code?.startsWith('42');
  return { message: e.message ?? String(err), errorCode: syntax ? 1 : 0, errorName: syntax ? 'SYNTAX_ERROR' : 'GENERIC_INTERNAL_ERROR', errorType: syntax ? 'USER_ERROR' : 'INTERNAL_ERROR' };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTrinoProtocolServer(options: TrinoProtocolServerOptions): Promise<TrinoProtocolServer> {
  const pageSize = options.pageSize ?? 100;
  const queries = new Map<string, QueryState>();
  const transactions = new Map<string, pg.Client>();
  const requests: RecordedRequest[] = [];
  const statements: string[] = [];
  let base = '';

  const read = (q: QueryState) =>
    new Promise<void>((resolve) => {
      q.reading = true;
      q.cursor!.read(pageSize, (err, rows, result) => {
        q.reading = false;
        if (err) {
          q.state = 'FAILED';
          q.error = errorOf(err);
          if (!q.shared) void q.client?.end().catch(() => undefined);
        } else {
          q.columns ??= result.fields.map((f) => ({ name: f.name, type: TRINO_TYPES[f.dataTypeID] ?? 'varchar', oid: f.dataTypeID }));
          q.command = result.command;
          q.rowCount = result.rowCount;
          q.pending = (rows as Record<string, string | null>[]).map((r) => q.columns!.map((c) => encodeValue(c.oid, r[c.name])));
          q.exhausted = rows.length < pageSize;
          q.state = 'RUNNING';
        }
        resolve();
      });
    });

  const connect = async () => {
    const client = new pg.Client({ connectionString: options.pgUrl, types: raw });
    client.on('error', () => undefined);
    await client.connect();
    await client.query("SET TimeZone = 'UTC'");
    return client;
  };

  const start = async (q: QueryState, sql: string, session: string | undefined, tx: pg.Client | undefined) => {
    const client = tx ?? (await connect());
    q.client = client;
    const limit = /query_max_execution_time=(\d+)s/.exec(session ?? '');
    if (limit) await client.query(`SET ${tx ? 'LOCAL ' : ''}statement_timeout = ${Number(limit[1]) * 1000}`);
    if (q.state === 'CANCELED') return;
    const translated = translateExecuteImmediate(sql);
    statements.push(translated);
    q.cursor = client.query(new Cursor(translated, [], { types: raw }));
    await read(q);
  };

  const page = (q: QueryState) => {
    const uri = `${base}/v1/statement/executing/${q.id}/${q.token}`;
    const out: Record<string, unknown> = { id: q.id, infoUri: `${base}/ui/query.html?${q.id}`, stats: { state: q.state } };
    if (q.state === 'FAILED') {
      out.error = { ...q.error, failureInfo: { type: 'io.trino.spi.TrinoException', message: q.error!.message, suppressed: [], stack: [] } };
      return out;
    }
    if (q.state === 'QUEUED') return { ...out, nextUri: uri };
    const isUpdate = q.columns!.length === 0 && q.command && q.command !== 'SELECT';
    if (isUpdate) {
      q.state = 'FINISHED';
      return { ...out, stats: { state: 'FINISHED' }, columns: [{ name: 'rows', type: 'bigint' }], data: [[q.rowCount ?? 0]], updateType: q.command, updateCount: q.rowCount ?? 0 };
    }
    out.columns = q.columns!.map(({ name, type }) => ({ name, type }));
    if (q.pending && q.pending.length > 0) out.data = q.pending;
    q.pending = [];
    if (q.exhausted) {
      q.state = 'FINISHED';
      out.stats = { state: 'FINISHED' };
      if (!q.shared) void q.client?.end().catch(() => undefined);
      return out;
    }
    return { ...out, nextUri: uri };
  };

  const cancel = async (q: QueryState) => {
    if (q.state === 'FINISHED' || q.state === 'FAILED' || q.state === 'CANCELED') return;
    q.state = 'CANCELED';
    const pid = (q.client as unknown as { processID?: number } | undefined)?.processID;
    if (q.reading && pid) {
      const killer = new pg.Client({ connectionString: options.pgUrl });
      await killer.connect();
      await killer.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
      await killer.end();
    }
    if (!q.shared) await q.client?.end().catch(() => undefined);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : toJson(payload));
    };
    const user = req.headers['x-trino-user'];
    if (options.password !== undefined) {
      const expected = `Basic ${Buffer.from(`${user}:${options.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return send(401, { message: 'Unauthorized' });
    }
    if (req.method === 'GET' && path === '/v1/info') return send(200, { nodeVersion: { version: '0-protocol-test' }, coordinator: true, starting: false });
    if (req.method === 'POST' && path === '/v1/statement') {
      if (!user) return send(400, { message: 'User must be set' });
      const id = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(6).toString('hex')}`;
      const txHeader = req.headers['x-trino-transaction-id'] as string | undefined;
      // Transactions: START TRANSACTION with "X-Trino-Transaction-Id: NONE" opens one (its id comes back in
      // X-Trino-Started-Transaction-Id); later requests name it; COMMIT/ROLLBACK end it (X-Trino-Clear-Transaction-Id).
      const begin = /^\s*START\s+TRANSACTION(\s+READ\s+ONLY)?\s*$/i.exec(body ?? '');
      if (begin) {
        if (txHeader !== 'NONE') return send(200, { id, error: { message: 'Transaction already in progress or header missing', errorCode: 0, errorName: 'NOT_SUPPORTED', errorType: 'USER_ERROR' } });
        const client = await connect();
        await client.query(begin[1] ? 'BEGIN READ ONLY' : 'BEGIN');
        const txId = randomBytes(8).toString('hex');
        transactions.set(txId, client);
        return send(200, { id, stats: { state: 'FINISHED' }, updateType: 'START TRANSACTION' }, { 'X-Trino-Started-Transaction-Id': txId });
      }
      const tx = txHeader && txHeader !== 'NONE' ? transactions.get(txHeader) : undefined;
      if (txHeader && txHeader !== 'NONE' && !tx) return send(200, { id, error: { message: `Unknown transaction ID: ${txHeader}`, errorCode: 0, errorName: 'UNKNOWN_TRANSACTION', errorType: 'USER_ERROR' } });
      const end = /^\s*(COMMIT|ROLLBACK)\s*$/i.exec(body ?? '');
      if (end && tx) {
        transactions.delete(txHeader!);
        await tx.query(end[1].toUpperCase()).catch(() => undefined);
        await tx.end();
        return send(200, { id, stats: { state: 'FINISHED' }, updateType: end[1].toUpperCase() }, { 'X-Trino-Clear-Transaction-Id': 'true' });
      }
      const q: QueryState = { id, state: 'QUEUED', ready: Promise.resolve(), exhausted: false, token: 0, reading: false, shared: tx !== undefined };
      queries.set(q.id, q);
      q.ready = start(q, body ?? '', req.headers['x-trino-session'] as string | undefined, tx).catch((err) => {
        q.state = 'FAILED';
        q.error = errorOf(err);
      });
      return send(200, page(q));
    }
    const m = /^\/v1\/statement\/(?:queued|executing)\/([^/]+)\/(\d+)$/.exec(path);
    const q = m ? queries.get(m[1]) : undefined;
    if (!m || !q) return send(404, { message: 'Not found' });
    if (req.method === 'DELETE') {
      await cancel(q);
      return send(204);
    }
    if (req.method !== 'GET') return send(405, { message: 'Method not allowed' });
    if (q.state === 'CANCELED') return send(410, { message: 'Query was canceled' });
    // Like Trino, wait up to a second for progress before answering with the current state.
    await Promise.race([q.ready, new Promise((r) => setTimeout(r, 1_000))]);
    if (q.state === 'QUEUED') return send(200, { id: q.id, nextUri: `${base}/v1/statement/queued/${q.id}/${q.token}`, stats: { state: 'QUEUED' } });
    // The next page is read from the cursor only when the client asks for it (back-pressure).
    if (q.state === 'RUNNING' && !q.reading && (!q.pending || q.pending.length === 0) && !q.exhausted && q.token > 0) q.ready = read(q);
    await Promise.race([q.ready, new Promise((r) => setTimeout(r, 1_000))]);
    if (q.reading) {
      return send(200, { id: q.id, nextUri: `${base}/v1/statement/executing/${q.id}/${q.token}`, columns: q.columns?.map(({ name, type }) => ({ name, type })), stats: { state: q.state } });
    }
    q.token++;
    return send(200, page(q));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(err) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    host: '127.0.0.1',
    port,
    requests,
    statements,
    async close() {
      await Promise.all([...queries.values()].map((q) => cancel(q).catch(() => undefined)));
      await Promise.all([...transactions.values()].map((c) => c.end().catch(() => undefined)));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
