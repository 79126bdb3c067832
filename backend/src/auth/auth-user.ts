import type { Action, ResourceType } from 'src/roles/permission.entity.js';

/** A grant on a module also covers the APIs and macros in it (services check the object itself). */
const PARENT: Partial<Record<ResourceType, ResourceType>> = { api: 'api_module', macro: 'api_module' };

export interface GrantRow {
  resourceType: ResourceType;
  action: Action;
  resourceId: string | null;
}

/** The signed-in dashboard user and what they may do, resolved once per request. */
export class AuthUser {
  private readonly typeGrants = new Set<string>();
  private readonly objectGrants = new Map<string, Set<string>>();

  constructor(
    readonly id: string,
    readonly email: string,
    readonly name: string,
    readonly isSuperuser: boolean,
    readonly sessionId: string,
    grants: GrantRow[],
  ) {
    for (const g of grants) {
      const key = `${g.resourceType}:${g.action}`;
      if (g.resourceId === null) this.typeGrants.add(key);
      else {
        const ids = this.objectGrants.get(key) ?? new Set<string>();
        ids.add(g.resourceId);
        this.objectGrants.set(key, ids);
      }
    }
  }

  /** May the user do `action` on every object of the type, or (with an id) on that object? */
  can(resourceType: ResourceType, action: Action, resourceId?: string): boolean {
    const key = `${resourceType}:${action}`;
    if (this.isSuperuser || this.typeGrants.has(key)) return true;
    return resourceId !== undefined && (this.objectGrants.get(key)?.has(resourceId) ?? false);
  }

  /** Type-wide grant or at least one object-level grant: enough to reach the route, which then filters. */
  canSome(resourceType: ResourceType, action: Action): boolean {
    const parent = PARENT[resourceType];
    return (
      this.can(resourceType, action) ||
      (this.objectGrants.get(`${resourceType}:${action}`)?.size ?? 0) > 0 ||
      (parent !== undefined && this.canSome(parent, action))
    );
  }

  /** Ids the user may act on when they lack the type-wide grant; null means all. */
  objectIds(resourceType: ResourceType, action: Action): string[] | null {
    if (this.can(resourceType, action)) return null;
    return [...(this.objectGrants.get(`${resourceType}:${action}`) ?? [])];
  }

  /** `resource:action` strings for the dashboard (type-level grants only). */
  get permissions(): string[] {
    return [...this.typeGrants].sort();
  }
}
