import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface DemoDatabaseOptions {
  /** Folder that holds the demo database's files (created when missing; kept between starts). */
  dataDir: string;
  host?: string;
  /** TCP port; 0 or unset picks a free one. */
  port?: number;
}

export interface DemoDatabase {
  host: string;
  port: number;
  database: string;
  username: string;
  close(): Promise<void>;
}

/** Bumped when the sample schema changes; a folder seeded with another version is left as it is. */
const SEED_VERSION = 1;

/**
 * The sample schema: customers, products, orders and order_items, a few thousand rows, generated with
 * generate_series and arithmetic on the row number only, so every start produces exactly the same data.
 */
const SEED_SQL = `
CREATE TABLE demo_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE customers (
  id          integer PRIMARY KEY,
  name        text NOT NULL,
  email       text NOT NULL UNIQUE,
  country     text NOT NULL,
  city        text NOT NULL,
  created_at  timestamptz NOT NULL,
  is_active   boolean NOT NULL
);

CREATE TABLE products (
  id          integer PRIMARY KEY,
  sku         text NOT NULL UNIQUE,
  name        text NOT NULL,
  category    text NOT NULL,
  price       numeric(10, 2) NOT NULL,
  in_stock    integer NOT NULL
);

CREATE TABLE orders (
  id           integer PRIMARY KEY,
  customer_id  integer NOT NULL REFERENCES customers (id),
  status       text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  ordered_at   timestamptz NOT NULL,
  total        numeric(12, 2) NOT NULL DEFAULT 0
);

CREATE TABLE order_items (
  order_id    integer NOT NULL REFERENCES orders (id),
  line_no     integer NOT NULL,
  product_id  integer NOT NULL REFERENCES products (id),
  quantity    integer NOT NULL,
  unit_price  numeric(10, 2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_ordered_at_idx ON orders (ordered_at);
CREATE INDEX order_items_product_idx ON order_items (product_id);

INSERT INTO customers (id, name, email, country, city, created_at, is_active)
SELECT g,
       (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Ken','Dennis','Margaret','Linus','Radia','Donald','Frances'])[1 + (g * 7) % 12]
         || ' ' ||
       (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Thompson','Ritchie','Hamilton','Torvalds','Perlman','Knuth','Allen'])[1 + (g * 11) % 12],
       'customer' || g || '@example.com',
       (ARRAY['DE','FR','US','VN','JP','BR','IN','GB'])[1 + (g * 5) % 8],
       (ARRAY['Berlin','Paris','Austin','Hanoi','Osaka','Recife','Pune','Leeds'])[1 + (g * 5) % 8],
       timestamptz '2023-01-01 00:00:00+00' + ((g * 37) % 365) * interval '1 day' + ((g * 13) % 86400) * interval '1 second',
       g % 10 <> 0
FROM generate_series(1, 500) g;

INSERT INTO products (id, sku, name, category, price, in_stock)
SELECT g,
       'SKU-' || lpad(g::text, 4, '0'),
       (ARRAY['Classic','Pro','Mini','Max','Eco','Smart'])[1 + g % 6] || ' ' ||
       (ARRAY['Kettle','Lamp','Backpack','Keyboard','Mug','Chair','Headphones','Notebook','Bottle','Desk'])[1 + (g * 3) % 10],
       (ARRAY['kitchen','home','travel','office','audio'])[1 + g % 5],
       round((4.99 + ((g * 97) % 20000) / 100.0)::numeric, 2),
       (g * 17) % 250
FROM generate_series(1, 100) g;

INSERT INTO orders (id, customer_id, status, ordered_at)
SELECT g,
       1 + (g * 31) % 500,
       (ARRAY['pending','paid','shipped','delivered','delivered','delivered','cancelled'])[1 + (g * 3) % 7],
       timestamptz '2024-01-01 00:00:00+00' + ((g * 7919) % (365 * 24 * 60)) * interval '1 minute'
FROM generate_series(1, 2000) g;

INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT o.id, l.line_no, p.id, 1 + (o.id * l.line_no * 13) % 5, p.price
FROM orders o
CROSS JOIN LATERAL generate_series(1, 1 + o.id % 4) AS l(line_no)
JOIN products p ON p.id = 1 + (o.id * 17 + l.line_no * 29) % 100;

UPDATE orders o SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id;

INSERT INTO demo_meta (key, value) VALUES ('seed_version', '${SEED_VERSION}');
`;

/**
 * Starts the bundled demo database: an embedded PostgreSQL (PGlite) persisted under `dataDir`, served on a
 * loopback TCP port so the normal `pg` driver reaches it. Seeds the sample schema on the first start.
 * Use a pool of size 1: PGlite runs one session at a time and blocks others during a transaction.
 */
export async function startDemoDatabase({ dataDir, host = '127.0.0.1', port = 0 }: DemoDatabaseOptions): Promise<DemoDatabase> {
  await mkdir(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;
  try {
    await seedOnce(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  // A few connections are accepted (pool + connection tests); PGlite itself runs their queries one by one.
  const server = new PGLiteSocketServer({ db, host, port, maxConnections: 4 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const conn = server.getServerConn();
  const actualPort = Number(conn.slice(conn.lastIndexOf(':') + 1));
  let closed = false;
  return {
    host,
    port: actualPort,
    database: 'postgres',
    username: 'postgres',
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
    },
  };
}

async function seedOnce(db: PGlite): Promise<void> {
  const existing = await db.query<{ present: boolean }>("SELECT to_regclass('public.demo_meta') IS NOT NULL AS present");
  if (existing.rows[0]?.present) return;
  await db.transaction(async (tx) => {
    await tx.exec(SEED_SQL);
  });
}
