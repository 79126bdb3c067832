import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import type { ClientEntity } from 'src/clients/client.entity.js';
import { generateClientId, generateClientSecret } from 'src/clients/client-credentials.js';
import { clientError } from 'src/clients/clients.errors.js';
import { ClientsRepository } from 'src/clients/clients.repository.js';
import {
  toClientResponse,
  type ClientApiListDto,
  type ClientCreatedResponseDto,
  type ClientLinks,
  type ClientResponseDto,
  type ClientSecretResponseDto,
} from 'src/clients/dto/client-response.dto.js';
import type { CreateClientDto } from 'src/clients/dto/create-client.dto.js';
import type { ListClientsQueryDto } from 'src/clients/dto/list-clients-query.dto.js';
import type { UpdateClientDto } from 'src/clients/dto/update-client.dto.js';
import { hashSecret } from 'src/common/crypto/password.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import { GroupsRepository } from 'src/groups/groups.repository.js';

const EDITABLE = ['name', 'description', 'isActive', 'rateLimitPerMinute', 'maxConcurrent', 'tokenTtlSeconds', 'allowedIps'] as const;

@Injectable()
export class ClientsService {
  constructor(
    private readonly repo: ClientsRepository,
    private readonly groups: GroupsRepository,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(query: ListClientsQueryDto): Promise<Page<ClientResponseDto>> {
    const [clients, total] = await this.repo.list(query);
    const links = await this.repo.links(clients.map((c) => c.id));
    return toPage(clients.map((c) => toClientResponse(c, links.get(c.id)!)), total, query);
  }

  async get(id: string): Promise<ClientResponseDto> {
    const client = await this.find(id);
    return toClientResponse(client, (await this.repo.links([id])).get(id)!);
  }

  async effectiveApis(id: string): Promise<ClientApiListDto> {
    await this.find(id);
    return { items: await this.repo.effectiveApis(id) };
  }

  async create(dto: CreateClientDto, actor: AuthUser): Promise<ClientCreatedResponseDto> {
    await this.refuseTakenName(dto.name);
    const links = await this.checkLinks({ groupIds: dto.groupIds ?? [], apiIds: dto.apiIds ?? [] });
    const clientSecret = generateClientSecret();
    const fields = {
      clientId: generateClientId(),
      name: dto.name,
      description: dto.description ?? '',
      isActive: dto.isActive ?? true,
      rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
      maxConcurrent: dto.maxConcurrent ?? null,
      tokenTtlSeconds: dto.tokenTtlSeconds ?? null,
      allowedIps: dto.allowedIps ?? [],
      secretHash: await hashSecret(clientSecret),
      secretRotatedAt: new Date(),
    };
    const client = await this.repo.transaction(async (m) => {
      const saved = await this.repo.save(fields, m);
      await this.repo.setLinks(saved.id, links as ClientLinks, m);
      const { secretHash: _omit, ...summary } = fields;
      await this.audit.record({ actor, action: 'client.create', resourceType: 'client', resourceId: saved.id, summary: { ...summary, ...links } }, m);
      return saved;
    });
    await this.bus.publish({ topic: 'client.changed', id: client.id });
    return { ...toClientResponse(client, links as ClientLinks), clientSecret };
  }

  async update(id: string, dto: UpdateClientDto, actor: AuthUser): Promise<ClientResponseDto> {
    const client = await this.find(id);
    if (dto.name !== undefined) await this.refuseTakenName(dto.name, id);
    const newLinks = await this.checkLinks({ groupIds: dto.groupIds, apiIds: dto.apiIds });
    const before = await this.get(id);
    const changed: Partial<ClientEntity> = {};
    for (const key of EDITABLE) if (dto[key] !== undefined) Object.assign(changed, { [key]: dto[key] });
    const after = await this.repo.transaction(async (m) => {
      const saved = await this.repo.save({ ...client, ...changed }, m);
      await this.repo.setLinks(id, newLinks, m);
      const result = toClientResponse(saved, { groupIds: newLinks.groupIds ?? before.groupIds, apiIds: newLinks.apiIds ?? before.apiIds });
      const changes = AuditService.changes({ ...before, updatedAt: undefined }, { ...result, updatedAt: undefined });
      await this.audit.record({ actor, action: 'client.update', resourceType: 'client', resourceId: id, summary: changes }, m);
      return result;
    });
    await this.bus.publish({ topic: 'client.changed', id });
    return after;
  }

  /** New secret now; the previous one keeps working for `graceSeconds`. Tokens issued before now are revoked. */
  async rotateSecret(id: string, graceSeconds: number, actor: AuthUser): Promise<ClientSecretResponseDto> {
    const client = await this.find(id);
    const current = await this.repo.findWithSecretsByClientId(client.clientId);
    const clientSecret = generateClientSecret();
    const now = new Date();
    const previousSecretExpiresAt = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
    await this.repo.transaction(async (m) => {
      await this.repo.updateSecrets(
        id,
        {
          secretHash: await hashSecret(clientSecret),
          previousSecretHash: previousSecretExpiresAt ? current!.secretHash : null,
          previousSecretExpiresAt,
          secretRotatedAt: now,
        },
        m,
      );
      await this.audit.record({ actor, action: 'client.rotate_secret', resourceType: 'client', resourceId: id, summary: { clientId: client.clientId, graceSeconds } }, m);
    });
    await this.bus.publish({ topic: 'client.changed', id });
    return { clientId: client.clientId, clientSecret, previousSecretExpiresAt };
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const client = await this.find(id);
    await this.repo.transaction(async (m) => {
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'client.delete', resourceType: 'client', resourceId: id, summary: { name: client.name, clientId: client.clientId } }, m);
    });
    await this.bus.publish({ topic: 'client.changed', id });
  }

  private async find(id: string): Promise<ClientEntity> {
    const client = await this.repo.findById(id);
    if (!client) throw clientError('CLIENT_NOT_FOUND', `No client with id ${id}`);
    return client;
  }

  private async refuseTakenName(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) {
      throw clientError('CLIENT_NAME_TAKEN', `A client named "${name}" exists`, [{ field: 'name', message: 'already taken' }]);
    }
  }

  private async checkLinks(links: Partial<ClientLinks>): Promise<Partial<ClientLinks>> {
    const groupIds = links.groupIds && [...new Set(links.groupIds)].sort();
    const apiIds = links.apiIds && [...new Set(links.apiIds)].sort();
    const missingGroups = groupIds ? await this.groups.missingGroupIds(groupIds) : [];
    if (missingGroups.length) {
      throw clientError('CLIENT_GROUP_NOT_FOUND', `Unknown group ids: ${missingGroups.join(', ')}`, [{ field: 'groupIds', message: `unknown: ${missingGroups.join(', ')}` }]);
    }
    const missingApis = apiIds ? await this.groups.missingApiIds(apiIds) : [];
    if (missingApis.length) {
      throw clientError('CLIENT_API_NOT_FOUND', `Unknown API ids: ${missingApis.join(', ')}`, [{ field: 'apiIds', message: `unknown: ${missingApis.join(', ')}` }]);
    }
    return { groupIds, apiIds };
  }
}
