import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data sources, modules, APIs with drafts and immutable versions, macros, groups, clients, signing keys
 * and access logs (DESIGN §5).
 */
export class PublishingSchema1767225700000 implements MigrationInterface {
  name = 'PublishingSchema1767225700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE datasource (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      type varchar(16) NOT NULL CHECK (type IN ('postgres','mysql','trino')),
      host varchar(255) NOT NULL,
      port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
      database varchar(255) NOT NULL DEFAULT '',
      username varchar(255) NOT NULL DEFAULT '',
      password_encrypted text,
      options jsonb NOT NULL DEFAULT '{}'::jsonb,
      pool_max integer NOT NULL DEFAULT 5 CHECK (pool_max BETWEEN 1 AND 200),
      is_active boolean NOT NULL DEFAULT true,
      description text NOT NULL DEFAULT '',
      revision integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX datasource_name_key ON datasource (lower(name))`);

    await q.query(`CREATE TABLE api_module (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      description text NOT NULL DEFAULT '',
      sort_order integer NOT NULL DEFAULT 0,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX api_module_name_key ON api_module (lower(name))`);

    await q.query(`CREATE TABLE macro (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      kind varchar(8) NOT NULL CHECK (kind IN ('sql','script')),
      module_id uuid REFERENCES api_module(id) ON DELETE RESTRICT,
      content text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      published_version_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX macro_name_key ON macro (lower(name), module_id) NULLS NOT DISTINCT`);
    await q.query(`CREATE TABLE macro_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      macro_id uuid NOT NULL REFERENCES macro(id) ON DELETE CASCADE,
      version integer NOT NULL,
      content text NOT NULL,
      message text NOT NULL DEFAULT '',
      author_id uuid,
      author_email varchar(320),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (macro_id, version)
    )`);
    await q.query(`ALTER TABLE macro ADD CONSTRAINT macro_published_version_fk FOREIGN KEY (published_version_id) REFERENCES macro_version(id) ON DELETE SET NULL`);

    await q.query(`CREATE TABLE api (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      module_id uuid NOT NULL REFERENCES api_module(id) ON DELETE RESTRICT,
      name varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      path varchar(500) NOT NULL,
      path_shape varchar(500) NOT NULL,
      method varchar(8) NOT NULL CHECK (method IN ('GET','POST','PUT','PATCH','DELETE')),
      engine varchar(8) NOT NULL CHECK (engine IN ('sql','script')),
      datasource_id uuid REFERENCES datasource(id) ON DELETE RESTRICT,
      access_type varchar(8) NOT NULL DEFAULT 'private' CHECK (access_type IN ('public','private')),
      read_only boolean NOT NULL DEFAULT true,
      content text NOT NULL DEFAULT '',
      params jsonb NOT NULL DEFAULT '[]'::jsonb,
      validators jsonb NOT NULL DEFAULT '[]'::jsonb,
      transform text,
      rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
      timeout_ms integer CHECK (timeout_ms > 0),
      max_rows integer CHECK (max_rows > 0),
      cache_ttl_seconds integer CHECK (cache_ttl_seconds >= 0),
      cors_origins jsonb NOT NULL DEFAULT '[]'::jsonb,
      published_version_id uuid,
      published_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // path_shape replaces every {param} with {} so users/{id} and users/{uid} collide.
    await q.query(`CREATE UNIQUE INDEX api_route_key ON api (method, path_shape)`);
    await q.query(`CREATE INDEX api_module_id_idx ON api (module_id)`);
    await q.query(`CREATE INDEX api_datasource_id_idx ON api (datasource_id)`);
    await q.query(`CREATE TABLE api_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      api_id uuid NOT NULL REFERENCES api(id) ON DELETE CASCADE,
      version integer NOT NULL,
      snapshot jsonb NOT NULL,
      message text NOT NULL DEFAULT '',
      author_id uuid,
      author_email varchar(320),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (api_id, version)
    )`);
    await q.query(`ALTER TABLE api ADD CONSTRAINT api_published_version_fk FOREIGN KEY (published_version_id) REFERENCES api_version(id) ON DELETE RESTRICT`);

    await q.query(`CREATE TABLE api_group (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      description text NOT NULL DEFAULT '',
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX api_group_name_key ON api_group (lower(name))`);
    await q.query(`CREATE TABLE api_group_api (
      group_id uuid NOT NULL REFERENCES api_group(id) ON DELETE CASCADE,
      api_id uuid NOT NULL REFERENCES api(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, api_id)
    )`);
    await q.query(`CREATE INDEX api_group_api_api_id_idx ON api_group_api (api_id)`);

    await q.query(`CREATE TABLE app_client (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id varchar(64) NOT NULL UNIQUE,
      name varchar(100) NOT NULL,
      description text NOT NULL DEFAULT '',
      secret_hash varchar(255) NOT NULL,
      previous_secret_hash varchar(255),
      previous_secret_expires_at timestamptz,
      secret_rotated_at timestamptz NOT NULL DEFAULT now(),
      is_active boolean NOT NULL DEFAULT true,
      rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
      max_concurrent integer CHECK (max_concurrent > 0),
      token_ttl_seconds integer CHECK (token_ttl_seconds BETWEEN 60 AND 86400),
      allowed_ips jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX app_client_name_key ON app_client (lower(name))`);
    await q.query(`CREATE TABLE client_group (
      client_id uuid NOT NULL REFERENCES app_client(id) ON DELETE CASCADE,
      group_id uuid NOT NULL REFERENCES api_group(id) ON DELETE CASCADE,
      PRIMARY KEY (client_id, group_id)
    )`);
    await q.query(`CREATE TABLE client_api (
      client_id uuid NOT NULL REFERENCES app_client(id) ON DELETE CASCADE,
      api_id uuid NOT NULL REFERENCES api(id) ON DELETE CASCADE,
      PRIMARY KEY (client_id, api_id)
    )`);

    await q.query(`CREATE TABLE signing_key (
      kid varchar(64) PRIMARY KEY,
      algorithm varchar(16) NOT NULL,
      public_jwk jsonb NOT NULL,
      private_key_encrypted text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz
    )`);

    await q.query(`CREATE TABLE access_log (
      id bigserial PRIMARY KEY,
      created_at timestamptz NOT NULL,
      request_id varchar(128) NOT NULL,
      api_id uuid,
      api_version_id uuid,
      module_id uuid,
      client_id uuid,
      client_key varchar(64),
      ip varchar(64),
      method varchar(8) NOT NULL,
      path varchar(1000) NOT NULL,
      status smallint NOT NULL,
      error_code varchar(64),
      duration_ms real NOT NULL,
      row_count integer,
      response_bytes integer,
      cache_hit boolean NOT NULL DEFAULT false,
      user_agent varchar(512),
      params jsonb,
      request_body text
    )`);
    await q.query(`CREATE INDEX access_log_created_at_idx ON access_log (created_at DESC)`);
    await q.query(`CREATE INDEX access_log_api_idx ON access_log (api_id, created_at DESC)`);
    await q.query(`CREATE INDEX access_log_client_idx ON access_log (client_id, created_at DESC)`);
    await q.query(`CREATE INDEX access_log_status_idx ON access_log (status, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['access_log', 'signing_key', 'client_api', 'client_group', 'app_client', 'api_group_api', 'api_group']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`ALTER TABLE api DROP CONSTRAINT IF EXISTS api_published_version_fk`);
    await q.query(`DROP TABLE IF EXISTS api_version`);
    await q.query(`DROP TABLE IF EXISTS api`);
    await q.query(`ALTER TABLE macro DROP CONSTRAINT IF EXISTS macro_published_version_fk`);
    for (const t of ['macro_version', 'macro', 'api_module', 'datasource']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
