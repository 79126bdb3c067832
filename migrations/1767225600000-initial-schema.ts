import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions, RBAC and the audit trail. */
export class InitialSchema1767225600000 implements MigrationInterface {
  name = 'InitialSchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email varchar(320) NOT NULL,
      name varchar(200) NOT NULL DEFAULT '',
      password_hash varchar(255) NOT NULL,
      is_active boolean NOT NULL DEFAULT true,
      is_superuser boolean NOT NULL DEFAULT false,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);

    await q.query(`CREATE TABLE user_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      ip varchar(64),
      user_agent varchar(512),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE INDEX user_session_user_id_idx ON user_session (user_id)`);

    await q.query(`CREATE TABLE role (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      is_system boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE permission (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      resource_type varchar(32) NOT NULL,
      action varchar(16) NOT NULL,
      resource_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT permission_resource_type_check CHECK (resource_type IN
        ('datasource','api_module','api','macro','group','client','access_log','overview','user','role')),
      CONSTRAINT permission_action_check CHECK (action IN ('read','create','update','delete','execute'))
    )`);
    await q.query(`CREATE UNIQUE INDEX permission_key ON permission (resource_type, action, resource_id) NULLS NOT DISTINCT`);
    await q.query(`CREATE TABLE role_permission (
      role_id uuid NOT NULL REFERENCES role(id) ON DELETE CASCADE,
      permission_id uuid NOT NULL REFERENCES permission(id) ON DELETE CASCADE,
      PRIMARY KEY (role_id, permission_id)
    )`);
    await q.query(`CREATE TABLE user_role (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role_id uuid NOT NULL REFERENCES role(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, role_id)
    )`);
    await q.query(`CREATE INDEX user_role_role_id_idx ON user_role (role_id)`);

    await q.query(`CREATE TABLE audit_event (
      id bigserial PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid,
      actor_email varchar(320),
      action varchar(64) NOT NULL,
      resource_type varchar(32) NOT NULL,
      resource_id varchar(64),
      summary jsonb NOT NULL DEFAULT '{}'::jsonb,
      request_id varchar(128),
      ip varchar(64)
    )`);
    await q.query(`CREATE INDEX audit_event_created_at_idx ON audit_event (created_at DESC)`);
    await q.query(`CREATE INDEX audit_event_resource_idx ON audit_event (resource_type, resource_id)`);

    // Every type-level permission, and the three seeded roles (DESIGN §5, issue 2).
    await q.query(`INSERT INTO permission (resource_type, action)
      SELECT r, a FROM unnest(ARRAY['datasource','api_module','api','macro','group','client','access_log','overview','user','role']) r,
                       unnest(ARRAY['read','create','update','delete','execute']) a`);
    await q.query(`INSERT INTO role (name, description, is_system) VALUES
      ('Admin', 'Everything, including users, roles and clients', true),
      ('Dev', 'Builds and tests data sources, modules, APIs and macros; no deletes and no user, role or client administration', true),
      ('Viewer', 'Reads everything, changes nothing', true)`);
    await q.query(`INSERT INTO role_permission (role_id, permission_id)
      SELECT r.id, p.id FROM role r CROSS JOIN permission p WHERE r.name = 'Admin' AND p.resource_id IS NULL`);
    await q.query(`INSERT INTO role_permission (role_id, permission_id)
      SELECT r.id, p.id FROM role r JOIN permission p ON p.resource_id IS NULL
      WHERE r.name = 'Dev' AND (p.action = 'read'
        OR (p.resource_type IN ('datasource','api_module','api','macro') AND p.action IN ('create','update','execute')))`);
    await q.query(`INSERT INTO role_permission (role_id, permission_id)
      SELECT r.id, p.id FROM role r JOIN permission p ON p.resource_id IS NULL
      WHERE r.name = 'Viewer' AND p.action = 'read'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_event', 'user_role', 'role_permission', 'permission', 'role', 'user_session', 'app_user']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
