import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateVersionDto, PublishVersionDto, VersionDiffDto, VersionDiffQueryDto, VersionParamsDto } from 'src/apis/dto/api-version.dto.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';
import { CreateMacroDto } from 'src/macros/dto/create-macro.dto.js';
import { ListMacrosQueryDto } from 'src/macros/dto/list-macros-query.dto.js';
import { MacroPageDto, MacroResponseDto, MacroUsageDto, MacroVersionResponseDto } from 'src/macros/dto/macro-response.dto.js';
import { UpdateMacroDto } from 'src/macros/dto/update-macro.dto.js';
import { MacroVersionsWorkflow } from 'src/macros/macro-versions.workflow.js';
import { MacrosService } from 'src/macros/macros.service.js';

@ApiTags('macros')
@Controller('admin/v1/macros')
export class MacrosController {
  constructor(
    private readonly macros: MacrosService,
    private readonly versions: MacroVersionsWorkflow,
  ) {}

  @Get()
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: MacroPageDto })
  list(@Query() query: ListMacrosQueryDto) {
    return this.macros.list(query);
  }

  @Post()
  @RequirePermission('macro', 'create')
  @ApiCreatedResponse({ type: MacroResponseDto })
  create(@Body() dto: CreateMacroDto, @CurrentUser() actor: AuthUser) {
    return this.macros.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: MacroResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.macros.get(id);
  }

  @Patch(':id')
  @RequirePermission('macro', 'update')
  @ApiOkResponse({ type: MacroResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateMacroDto, @CurrentUser() actor: AuthUser) {
    return this.macros.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('macro', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.macros.remove(id, actor);
  }

  @Get(':id/used-by')
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: [MacroUsageDto] })
  usedBy(@Param() { id }: IdParamDto) {
    return this.macros.usedBy(id);
  }

  @Get(':id/versions')
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: [MacroVersionResponseDto] })
  listVersions(@Param() { id }: IdParamDto) {
    return this.versions.list(id);
  }

  @Post(':id/versions')
  @RequirePermission('macro', 'update')
  @ApiCreatedResponse({ type: MacroVersionResponseDto })
  createVersion(@Param() { id }: IdParamDto, @Body() dto: CreateVersionDto, @CurrentUser() actor: AuthUser) {
    return this.versions.create(id, dto.message, actor);
  }

  @Get(':id/versions/:versionId')
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: MacroVersionResponseDto })
  getVersion(@Param() { id, versionId }: VersionParamsDto) {
    return this.versions.get(id, versionId);
  }

  @Delete(':id/versions/:versionId')
  @RequirePermission('macro', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeVersion(@Param() { id, versionId }: VersionParamsDto, @CurrentUser() actor: AuthUser) {
    return this.versions.remove(id, versionId, actor);
  }

  @Post(':id/versions/:versionId/restore')
  @RequirePermission('macro', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: MacroResponseDto })
  restoreVersion(@Param() { id, versionId }: VersionParamsDto, @CurrentUser() actor: AuthUser) {
    return this.versions.restore(id, versionId, actor);
  }

  @Get(':id/diff')
  @RequirePermission('macro', 'read')
  @ApiOkResponse({ type: VersionDiffDto })
  diff(@Param() { id }: IdParamDto, @Query() query: VersionDiffQueryDto) {
    return this.versions.diff(id, query.from, query.to ?? 'draft');
  }

  @Post(':id/publish')
  @RequirePermission('macro', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: MacroResponseDto })
  publish(@Param() { id }: IdParamDto, @Body() dto: PublishVersionDto, @CurrentUser() actor: AuthUser) {
    return this.versions.publish(id, dto.versionId, actor);
  }

  @Post(':id/unpublish')
  @RequirePermission('macro', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: MacroResponseDto })
  unpublish(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.versions.unpublish(id, actor);
  }
}
