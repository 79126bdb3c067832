import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import { decryptPassword, DRIVER_DEFAULTS, toConnectionConfig } from 'src/datasources/datasource-connectors.service.js';
import type { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import { datasourceError } from 'src/datasources/datasources.errors.js';
import { DatasourcesRepository } from 'src/datasources/datasources.repository.js';
import type { CreateDatasourceDto } from 'src/datasources/dto/create-datasource.dto.js';
import { validateDatasourceOptions } from 'src/datasources/dto/datasource-options.dto.js';
import { toDatasourceResponse, type DatasourceResponseDto } from 'src/datasources/dto/datasource-response.dto.js';
import type { ListDatasourcesQueryDto } from 'src/datasources/dto/list-datasources-query.dto.js';
import type { ConnectionTestResponseDto, TestDatasourceDto } from 'src/datasources/dto/test-datasource.dto.js';
import type { UpdateDatasourceDto } from 'src/datasources/dto/update-datasource.dto.js';
import type { Action } from 'src/roles/permission.entity.js';
import type { DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';
import { testConnection } from 'src/datasources/external-db/pool.registry.js';

/** Fields whose change rebuilds pools (bumps `revision`). */
const CONNECTION_FIELDS = ['type', 'host', 'port', 'database', 'username', 'options', 'poolMax'] as const;
const DEFAULT_POOL_MAX = 5;

const pgCode = (err: unknown) => (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;

/** The audit summary of a source: settings only, never the password (`credential` says whether one is set). */
const auditView = (ds: DatasourceResponseDto) => {
  const { createdAt: _c, updatedAt: _u, id: _i, hasPassword, ...rest } = ds;
  return { ...rest, credential: hasPassword ? 'password' : 'none' };
};

@Injectable()
export class DatasourcesService {
  constructor(
    private readonly repo: DatasourcesRepository,
    private readonly encryption: EncryptionService,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
    @Inject(DRIVER_DEFAULTS) private readonly driverDefaults: DriverDefaults,
  ) {}

  async list(query: ListDatasourcesQueryDto, actor: AuthUser): Promise<Page<DatasourceResponseDto>> {
    const [items, total] = await this.repo.list(query, actor.objectIds('datasource', 'read'));
    return toPage(items.map(toDatasourceResponse), total, query);
  }

  async get(id: string, actor: AuthUser): Promise<DatasourceResponseDto> {
    return toDatasourceResponse(await this.findAllowed(id, actor, 'read'));
  }

  async create(dto: CreateDatasourceDto, actor: AuthUser | null): Promise<DatasourceResponseDto> {
    const options = validateDatasourceOptions(dto.type, dto.options);
    await this.assertNameFree(dto.name);
    const saved = await this.write(() =>
      this.repo.transaction(async (m) => {
        const row = await this.repo.insert(
          {
            name: dto.name,
            type: dto.type,
            host: dto.host,
            port: dto.port,
            database: dto.database ?? '',
            username: dto.username ?? '',
            passwordEncrypted: dto.password ? this.encryption.encrypt(dto.password) : null,
            options,
            poolMax: dto.poolMax ?? DEFAULT_POOL_MAX,
            isActive: dto.isActive ?? true,
            description: dto.description ?? '',
            revision: 1,
          },
          m,
        );
        await this.audit.record({ actor, action: 'datasource.create', resourceType: 'datasource', resourceId: row.id, summary: auditView(toDatasourceResponse(row)) }, m);
        return row;
      }),
    );
    await this.bus.publish({ topic: 'datasource.changed', id: saved.id });
    return toDatasourceResponse(saved);
  }

  async update(id: string, dto: UpdateDatasourceDto, actor: AuthUser | null): Promise<DatasourceResponseDto> {
    const current = actor ? await this.findAllowed(id, actor, 'update') : await this.find(id);
    const type = dto.type ?? current.type;
    // Options are checked against the (new) type; a type change without options re-checks the stored ones.
    const options = dto.options !== undefined || dto.type !== undefined ? validateDatasourceOptions(type, dto.options ?? current.options) : undefined;
    if (dto.name !== undefined && dto.name.toLowerCase() !== current.name.toLowerCase()) await this.assertNameFree(dto.name, id);

    const { password, ...fields } = dto;
    const changes = Object.fromEntries(Object.entries({ ...fields, options }).filter(([, v]) => v !== undefined)) as Partial<DatasourceEntity>;
    const passwordChange = password === null ? (current.passwordEncrypted === null ? null : 'password cleared') : password ? 'password changed' : null;
    if (password === null) changes.passwordEncrypted = null;
    else if (password) changes.passwordEncrypted = this.encryption.encrypt(password);
    const bump = passwordChange !== null || CONNECTION_FIELDS.some((f) => changes[f] !== undefined && JSON.stringify(changes[f]) !== JSON.stringify(current[f]));

    const before = toDatasourceResponse(current);
    const saved = await this.write(() =>
      this.repo.transaction(async (m) => {
        const row = await this.repo.update(id, changes, bump, m);
        const summary = { ...AuditService.changes(auditView(before), auditView(toDatasourceResponse(row))), ...(passwordChange ? { credential: passwordChange } : {}) };
        await this.audit.record({ actor, action: 'datasource.update', resourceType: 'datasource', resourceId: id, summary }, m);
        return row;
      }),
    );
    await this.bus.publish({ topic: 'datasource.changed', id });
    return toDatasourceResponse(saved);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const current = await this.findAllowed(id, actor, 'delete');
    await this.write(() =>
      this.repo.transaction(async (m) => {
        const apis = await this.repo.apisUsing(id, m);
        if (apis.length) throw this.inUse(current.name, apis);
        await this.repo.delete(id, m);
        await this.audit.record({ actor, action: 'datasource.delete', resourceType: 'datasource', resourceId: id, summary: { name: current.name, type: current.type, host: current.host } }, m);
      }),
    );
    await this.bus.publish({ topic: 'datasource.changed', id });
  }

  /** Tests a saved source with a fresh connection (not the pool). */
  async testSaved(id: string, actor: AuthUser): Promise<ConnectionTestResponseDto> {
    const row = await this.findAllowed(id, actor, 'execute');
    let password: string | null;
    try {
      password = decryptPassword(this.encryption, row);
    } catch (err) {
      return { ok: false, message: (err as Error).message, latencyMs: 0, serverVersion: null };
    }
    return testConnection(toConnectionConfig(row, password), this.driverDefaults);
  }

  /**
   * Tests unsaved settings. With `id` and an empty password the stored password is used; that needs update
   * rights on the source too, since these settings may point it at another host.
   */
  async testUnsaved(dto: TestDatasourceDto, actor: AuthUser): Promise<ConnectionTestResponseDto> {
    const options = validateDatasourceOptions(dto.type, dto.options);
    let password = dto.password || null;
    if (!password && dto.id) {
      const row = await this.findAllowed(dto.id, actor, 'execute');
      if (!actor.can('datasource', 'update', dto.id)) throw authError('AUTH_FORBIDDEN', 'Missing permission datasource:update on this data source (needed to reuse its stored password)');
      password = decryptPassword(this.encryption, row);
    }
    if (!actor.can('datasource', 'execute', dto.id)) throw authError('AUTH_FORBIDDEN', 'Missing permission datasource:execute');
    const config = toConnectionConfig(
      { id: dto.id ?? 'unsaved', name: dto.name, type: dto.type, host: dto.host, port: dto.port, database: dto.database ?? '', username: dto.username ?? '', passwordEncrypted: null, options, poolMax: 1, isActive: true, description: '', revision: 0, createdAt: new Date(), updatedAt: new Date() },
      password,
    );
    return testConnection(config, this.driverDefaults);
  }

  private async find(id: string): Promise<DatasourceEntity> {
    const row = await this.repo.findById(id);
    if (!row) throw datasourceError('DATASOURCE_NOT_FOUND', `No data source with id ${id}`);
    return row;
  }

  /** Object-level grants: the route let the user in with any grant of the action; this checks this source. */
  private async findAllowed(id: string, actor: AuthUser, action: Action): Promise<DatasourceEntity> {
    if (!actor.can('datasource', action, id)) throw authError('AUTH_FORBIDDEN', `Missing permission datasource:${action} on this data source`);
    return this.find(id);
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) throw this.nameTaken(name);
  }

  private nameTaken(name: string) {
    return datasourceError('DATASOURCE_NAME_TAKEN', `A data source named "${name}" exists`, [{ field: 'name', message: 'already taken' }]);
  }

  private inUse(name: string, apis: { id: string; name: string; method: string; path: string }[]) {
    const shown = apis.slice(0, 10).map((a) => `${a.name} (${a.method} /api/${a.path.replace(/^\//, '')})`);
    const more = apis.length > shown.length ? ` and ${apis.length - shown.length} more` : '';
    return datasourceError('DATASOURCE_IN_USE', `Data source "${name}" is used by ${apis.length} API(s): ${shown.join(', ')}${more}; point them at another source first`, [
      { field: 'id', message: 'used by APIs', apis: apis.map((a) => ({ id: a.id, name: a.name, method: a.method, path: a.path })) },
    ]);
  }

  /** Maps the constraints that back the checks above (races between two writers) to the same errors. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (pgCode(err) === '23505') throw datasourceError('DATASOURCE_NAME_TAKEN', 'A data source with this name exists', [{ field: 'name', message: 'already taken' }]);
      if (pgCode(err) === '23503') throw datasourceError('DATASOURCE_IN_USE', 'Data source is used by APIs; point them at another source first');
      throw err;
    }
  }
}
