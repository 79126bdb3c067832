import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from 'src/audit/audit-event.entity.js';
import { requestContext } from 'src/common/logging/request-context.js';

export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditRecord {
  actor: AuditActor | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** What changed: field names and non-secret values only. */
  summary?: Record<string, unknown>;
}

/** Never let a secret into the audit trail, whatever a caller passes. */
const SECRET_KEYS = /pass(word)?|secret|token|hash|key$/i;
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v)]));
  }
  return value;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Records one management write; pass the transaction's manager to commit it with the change. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const ctx = requestContext.getStore();
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    await repo.insert({
      actorUserId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      summary: scrub(entry.summary ?? {}) as never,
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
    });
  }

  /** Changed fields between two plain objects (for update summaries). */
  static changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
    const out: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(after)) {
      if (after[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
    }
    return out;
  }
}
