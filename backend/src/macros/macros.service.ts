import { Injectable } from '@nestjs/common';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import { scriptSyntaxError } from 'src/apis/api-definition.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { commonError } from 'src/common/errors/error-code.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import type { CreateMacroDto } from 'src/macros/dto/create-macro.dto.js';
import type { ListMacrosQueryDto } from 'src/macros/dto/list-macros-query.dto.js';
import { toMacroResponse, type MacroResponseDto, type MacroUsageDto } from 'src/macros/dto/macro-response.dto.js';
import type { UpdateMacroDto } from 'src/macros/dto/update-macro.dto.js';
import { importedNames, referenceSources, usesMacro } from 'src/macros/macro-references.js';
import type { MacroEntity, MacroKind } from 'src/macros/macro.entity.js';
import { macroError } from 'src/macros/macros.errors.js';
import { MacrosRepository } from 'src/macros/macros.repository.js';
import type { Action } from 'src/roles/permission.entity.js';

export interface MacroSources {
  sql: string[];
  script: string[];
}

@Injectable()
export class MacrosService {
  constructor(
    private readonly sql: SqlEngine,
    private readonly repo: MacrosRepository,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(query: ListMacrosQueryDto): Promise<Page<MacroResponseDto>> {
    const [items, total] = await this.repo.list(query);
    return toPage(await this.respondMany(items), total, query);
  }

  async get(id: string): Promise<MacroResponseDto> {
    return (await this.respondMany([await this.find(id)]))[0];
  }

  async find(id: string): Promise<MacroEntity> {
    const macro = await this.repo.findById(id);
    if (!macro) throw macroError('MACRO_NOT_FOUND', `No macro with id ${id}`);
    return macro;
  }

  /** A user may act on a macro with `macro:<action>` type-wide or on its id, or `api_module:<action>` on its module. */
  authorize(actor: AuthUser, action: Action, macro: { id?: string; moduleId: string | null }): void {
    if (actor.can('macro', action, macro.id) || (macro.moduleId !== null && actor.can('api_module', action, macro.moduleId))) return;
    throw authError('AUTH_FORBIDDEN', `Missing permission macro:${action}${macro.id ? ` on macro ${macro.id}` : ''}`);
  }

  async create(dto: CreateMacroDto, actor: AuthUser): Promise<MacroResponseDto> {
    const moduleId = dto.moduleId ?? null;
    this.authorize(actor, 'create', { moduleId });
    if (moduleId && !(await this.repo.moduleExists(moduleId))) throw commonError('VALIDATION_FAILED', `moduleId: no module ${moduleId}`, [{ field: 'moduleId', message: 'unknown module' }]);
    await this.checkName(dto.name, moduleId);
    this.checkContent(dto.kind, dto.content ?? '');
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save({ name: dto.name, kind: dto.kind, moduleId, content: dto.content ?? '', description: dto.description ?? '' }, m);
      await this.audit.record({ actor, action: 'macro.create', resourceType: 'macro', resourceId: s.id, summary: { name: s.name, kind: s.kind, moduleId } }, m);
      return s;
    });
    return this.get(saved.id);
  }

  async update(id: string, dto: UpdateMacroDto, actor: AuthUser): Promise<MacroResponseDto> {
    const macro = await this.find(id);
    this.authorize(actor, 'update', macro);
    if (dto.name !== undefined) await this.checkName(dto.name, macro.moduleId, id);
    if (dto.content !== undefined) this.checkContent(macro.kind, dto.content);
    const before = toMacroResponse(macro);
    await this.repo.transaction(async (m) => {
      const s = await this.repo.save({ ...macro, ...dto }, m);
      await this.audit.record({ actor, action: 'macro.update', resourceType: 'macro', resourceId: id, summary: AuditService.changes({ ...before, updatedAt: null }, { ...toMacroResponse(s), updatedAt: null }) }, m);
    });
    return this.get(id);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const macro = await this.find(id);
    this.authorize(actor, 'delete', macro);
    await this.assertUnusedByPublished(macro, 'delete');
    await this.repo.transaction(async (m) => {
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'macro.delete', resourceType: 'macro', resourceId: id, summary: { name: macro.name, kind: macro.kind } }, m);
    });
    await this.bus.publish({ topic: 'macro.changed', id });
  }

  /** APIs in the macro's scope whose draft or published version references it (rule: macro-references.ts). */
  async usedBy(id: string): Promise<MacroUsageDto[]> {
    const macro = await this.find(id);
    const apis = await this.repo.apisInScope(macro.moduleId);
    return apis
      .map((a) => ({
        id: a.id,
        name: a.name,
        method: a.method,
        path: a.path,
        moduleId: a.moduleId,
        inDraft: usesMacro(macro, referenceSources(a.draft)),
        inPublished: a.published ? usesMacro(macro, referenceSources(a.published)) : false,
      }))
      .filter((u) => u.inDraft || u.inPublished);
  }

  /** Refuses (409) when a published API version references the macro. */
  async assertUnusedByPublished(macro: MacroEntity, what: 'delete' | 'unpublish'): Promise<void> {
    const users = (await this.usedBy(macro.id)).filter((u) => u.inPublished);
    if (users.length) {
      throw macroError('MACRO_IN_USE', `Cannot ${what} macro "${macro.name}": published APIs use it (${users.map((u) => `${u.name} ${u.method} ${u.path}`).join(', ')})`, users.map((u) => ({ message: `used by API ${u.id}`, apiId: u.id })));
    }
  }

  /**
   * Published macro sources visible to an API of `moduleId`, to prepend to its code: global macros first, then
   * the module's; within each, ordered by name (case-insensitive). Each entry is the published version's content.
   */
  async publishedSources(moduleId: string | null): Promise<MacroSources> {
    const macros = await this.repo.published(moduleId);
    return { sql: macros.filter((m) => m.kind === 'sql').map((m) => m.content), script: macros.filter((m) => m.kind === 'script').map((m) => m.content) };
  }

  /** Macros an API version references that are unpublished, and `{% import %}` names no macro in scope has. */
  async referenceProblems(moduleId: string, snapshot: Pick<ApiSnapshot, 'engine' | 'content' | 'validators' | 'transform'>): Promise<{ unpublished: string[]; missing: string[] }> {
    const macros = await this.repo.inScope(moduleId);
    const sources = referenceSources(snapshot);
    const unpublished = macros.filter((m) => !m.publishedVersionId && usesMacro(m, sources)).map((m) => m.name);
    const known = new Set(macros.filter((m) => m.kind === 'sql').map((m) => m.name));
    const missing = sources.sql.flatMap(importedNames).filter((n) => !known.has(n));
    return { unpublished, missing: [...new Set(missing)] };
  }

  async respondMany(macros: MacroEntity[]): Promise<MacroResponseDto[]> {
    const numbers = await this.repo.versionNumbers(macros.map((m) => m.publishedVersionId).filter((v): v is string => !!v));
    return macros.map((m) => toMacroResponse(m, m.publishedVersionId ? (numbers.get(m.publishedVersionId) ?? null) : null));
  }

  /** Template or JS syntax errors refuse the save (400 with line/column). */
  checkContent(kind: MacroKind, content: string): void {
    if (kind === 'script') {
      const problem = scriptSyntaxError('script', content);
      if (problem) throw commonError('VALIDATION_FAILED', `content: ${problem.message}`, [{ field: 'content', ...problem }]);
      return;
    }
    const issues = this.sql.lint(content);
    if (issues.length) {
      throw commonError('VALIDATION_FAILED', `content: ${issues[0].message} (line ${issues[0].line})`, issues.map((i) => ({ field: 'content', message: i.message, line: i.line, column: i.column })));
    }
  }

  private async checkName(name: string, moduleId: string | null, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, moduleId, exceptId)) {
      throw macroError('MACRO_NAME_TAKEN', `A macro named "${name}" exists in this scope`, [{ field: 'name', message: 'already taken' }]);
    }
  }
}
