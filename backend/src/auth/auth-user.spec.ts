import { describe, expect, it } from 'vitest';
import { AuthUser } from 'src/auth/auth-user.js';

const MODULE = '00000000-0000-4000-8000-000000000001';
const API = '00000000-0000-4000-8000-000000000002';

describe(AuthUser.name, () => {
  it('should separate type-wide and object-level grants', () => {
    const u = new AuthUser('u', 'u@x', 'U', false, 's', [
      { resourceType: 'datasource', action: 'read', resourceId: null },
      { resourceType: 'api', action: 'update', resourceId: API },
    ]);
    expect(u.can('datasource', 'read')).toBe(true);
    expect(u.can('datasource', 'read', 'anything')).toBe(true);
    expect(u.can('api', 'update')).toBe(false);
    expect(u.can('api', 'update', API)).toBe(true);
    expect(u.canSome('api', 'update')).toBe(true);
    expect(u.objectIds('api', 'update')).toEqual([API]);
    expect(u.objectIds('datasource', 'read')).toBeNull();
    expect(u.permissions).toEqual(['datasource:read']);
  });

  it('should let a module grant reach the API and macro routes', () => {
    const u = new AuthUser('u', 'u@x', 'U', false, 's', [{ resourceType: 'api_module', action: 'read', resourceId: MODULE }]);
    expect(u.canSome('api', 'read')).toBe(true);
    expect(u.canSome('macro', 'read')).toBe(true);
    expect(u.canSome('api', 'delete')).toBe(false);
    expect(u.canSome('client', 'read')).toBe(false);
  });

  it('should let a superuser do anything', () => {
    const u = new AuthUser('u', 'u@x', 'U', true, 's', []);
    expect(u.can('role', 'delete')).toBe(true);
    expect(u.canSome('user', 'create')).toBe(true);
  });
});
