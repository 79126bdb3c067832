// The ceiling of the gateway benchmark: a bare node:http + pg server answering the same queries with the
// same envelope, no auth, limits or logging. Runs as its own process so its CPU time is measured alone.
import { spawn } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import Cursor from 'pg-cursor';

const BY_ID = 'SELECT id, item_name, price, category, created_on FROM item WHERE id = $1';
const LIST = 'SELECT id, item_name, price, category, created_on FROM item ORDER BY id LIMIT 50 OFFSET $1';
const EXPORT = 'SELECT id, item_name, price, category, created_on FROM item ORDER BY id LIMIT 100000';

function serve(url, port) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const json = (res, rows) => {
    const body = JSON.stringify({ success: true, message: null, data: rows });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = http.createServer(async (req, res) => {
    try {
      const [path, qs] = req.url.split('?');
      const m = /^\/api\/(?:private\/|script\/)?items\/(\d+)$/.exec(path);
      if (m) return json(res, (await pool.query({ name: 'by_id', text: BY_ID, values: [Number(m[1])] })).rows);
      if (path === '/api/items') return json(res, (await pool.query({ name: 'list', text: LIST, values: [Number(new URLSearchParams(qs).get('offset') ?? 0)] })).rows);
      if (path === '/api/export') {
        const client = await pool.connect();
        const cursor = client.query(new Cursor(EXPORT));
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
        res.write('id,item_name,price,category,created_on\r\n');
        for (;;) {
          const rows = await new Promise((resolve, reject) => cursor.read(500, (err, r) => (err ? reject(err) : resolve(r))));
          if (!rows.length) break;
          const chunk = rows.map((r) => `${r.id},${r.item_name},${r.price},${r.category},${r.created_on.toISOString().slice(0, 10)}\r\n`).join('');
          if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
        }
        await new Promise((r) => cursor.close(r));
        client.release();
        return res.end();
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  server.listen(port, '127.0.0.1', () => process.send?.('ready'));
}

/** Starts the ceiling server in a child process; resolves once it listens. */
export async function startCeiling(url) {
  const port = 38_000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, url, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`ceiling exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    close: () => new Promise((r) => (child.kill('SIGTERM'), child.once('exit', r))),
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) serve(process.argv[2], Number(process.argv[3]));
