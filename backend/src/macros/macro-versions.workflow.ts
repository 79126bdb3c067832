import { Injectable } from '@nestjs/common';
import { diffFields } from 'src/apis/version-diff.js';
import type { VersionDiffDto } from 'src/apis/dto/api-version.dto.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toMacroVersionResponse, type MacroResponseDto, type MacroVersionResponseDto } from 'src/macros/dto/macro-response.dto.js';
import type { MacroVersionEntity } from 'src/macros/macro-version.entity.js';
import { macroError } from 'src/macros/macros.errors.js';
import { MacrosRepository } from 'src/macros/macros.repository.js';
import { MacrosService } from 'src/macros/macros.service.js';

/** Macro versions: commit the draft, restore into it, diff, publish/unpublish (same lifecycle as APIs). */
@Injectable()
export class MacroVersionsWorkflow {
  constructor(
    private readonly repo: MacrosRepository,
    private readonly macros: MacrosService,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(id: string): Promise<MacroVersionResponseDto[]> {
    const macro = await this.macros.find(id);
    return (await this.repo.listVersions(id)).map((v) => toMacroVersionResponse(v, macro.publishedVersionId));
  }

  async get(id: string, versionId: string): Promise<MacroVersionResponseDto> {
    const macro = await this.macros.find(id);
    return toMacroVersionResponse(await this.findVersion(id, versionId), macro.publishedVersionId);
  }

  async create(id: string, message: string | undefined, actor: AuthUser): Promise<MacroVersionResponseDto> {
    this.macros.authorize(actor, 'update', await this.macros.find(id));
    const version = await this.repo.transaction(async (m) => {
      const macro = await this.repo.findById(id, m, true);
      if (!macro) throw macroError('MACRO_NOT_FOUND', `No macro with id ${id}`);
      if (!macro.content.trim()) throw macroError('MACRO_NO_CONTENT', 'The macro has no content to version');
      const v = await this.repo.saveVersion(
        { macroId: id, version: await this.repo.nextVersion(id, m), content: macro.content, message: message ?? '', authorId: actor.id, authorEmail: actor.email },
        m,
      );
      await this.audit.record({ actor, action: 'macro.version.create', resourceType: 'macro', resourceId: id, summary: { version: v.version, versionId: v.id, message: v.message } }, m);
      return v;
    });
    return toMacroVersionResponse(version, null);
  }

  async restore(id: string, versionId: string, actor: AuthUser): Promise<MacroResponseDto> {
    const macro = await this.macros.find(id);
    this.macros.authorize(actor, 'update', macro);
    const version = await this.findVersion(id, versionId);
    await this.repo.transaction(async (m) => {
      await this.repo.save({ ...macro, content: version.content }, m);
      await this.audit.record({ actor, action: 'macro.version.restore', resourceType: 'macro', resourceId: id, summary: { version: version.version, versionId } }, m);
    });
    return this.macros.get(id);
  }

  async remove(id: string, versionId: string, actor: AuthUser): Promise<void> {
    const macro = await this.macros.find(id);
    this.macros.authorize(actor, 'delete', macro);
    const version = await this.findVersion(id, versionId);
    if (macro.publishedVersionId === versionId) throw macroError('MACRO_VERSION_PUBLISHED', `Version ${version.version} is published; unpublish or publish another version first`);
    await this.repo.transaction(async (m) => {
      await this.repo.deleteVersion(versionId, m);
      await this.audit.record({ actor, action: 'macro.version.delete', resourceType: 'macro', resourceId: id, summary: { version: version.version, versionId } }, m);
    });
  }

  async diff(id: string, from: string, to: string): Promise<VersionDiffDto> {
    const macro = await this.macros.find(id);
    const side = async (ref: string) => {
      if (ref.toLowerCase() === 'draft') return { ref: { id: null, version: null, label: 'draft' }, content: macro.content };
      const v = await this.findVersion(id, ref);
      return { ref: { id: v.id, version: v.version, label: `v${v.version}` }, content: v.content };
    };
    const [a, b] = [await side(from), await side(to)];
    return { from: a.ref, to: b.ref, changes: diffFields({ content: a.content }, { content: b.content }, ['content'], ['content'], a.ref.label, b.ref.label) };
  }

  async publish(id: string, versionId: string, actor: AuthUser): Promise<MacroResponseDto> {
    const macro = await this.macros.find(id);
    this.macros.authorize(actor, 'update', macro);
    const version = await this.findVersion(id, versionId);
    this.macros.checkContent(macro.kind, version.content);
    await this.repo.transaction(async (m) => {
      await this.repo.setPublished(id, versionId, m);
      await this.audit.record({ actor, action: 'macro.publish', resourceType: 'macro', resourceId: id, summary: { version: version.version, versionId, previousVersionId: macro.publishedVersionId } }, m);
    });
    await this.bus.publish({ topic: 'macro.changed', id });
    return this.macros.get(id);
  }

  async unpublish(id: string, actor: AuthUser): Promise<MacroResponseDto> {
    const macro = await this.macros.find(id);
    this.macros.authorize(actor, 'update', macro);
    if (macro.publishedVersionId) {
      await this.macros.assertUnusedByPublished(macro, 'unpublish');
      await this.repo.transaction(async (m) => {
        await this.repo.setPublished(id, null, m);
        await this.audit.record({ actor, action: 'macro.unpublish', resourceType: 'macro', resourceId: id, summary: { previousVersionId: macro.publishedVersionId } }, m);
      });
      await this.bus.publish({ topic: 'macro.changed', id });
    }
    return this.macros.get(id);
  }

  private async findVersion(id: string, versionId: string): Promise<MacroVersionEntity> {
    const version = await this.repo.findVersion(id, versionId);
    if (!version) throw macroError('MACRO_VERSION_NOT_FOUND', `Macro ${id} has no version ${versionId}`);
    return version;
  }
}
