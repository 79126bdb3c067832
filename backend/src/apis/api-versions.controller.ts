import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiVersionsWorkflow } from 'src/apis/api-versions.workflow.js';
import { ApiResponseDto } from 'src/apis/dto/api-response.dto.js';
import { ApiVersionResponseDto, ApiVersionSummaryDto, CreateVersionDto, PublishVersionDto, VersionDiffDto, VersionDiffQueryDto, VersionParamsDto } from 'src/apis/dto/api-version.dto.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';

@ApiTags('apis')
@Controller('admin/v1/apis')
export class ApiVersionsController {
  constructor(private readonly versions: ApiVersionsWorkflow) {}

  @Get(':id/versions')
  @RequirePermission('api', 'read')
  @ApiOkResponse({ type: [ApiVersionSummaryDto] })
  list(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.versions.list(id, actor);
  }

  @Post(':id/versions')
  @RequirePermission('api', 'update')
  @ApiCreatedResponse({ type: ApiVersionResponseDto })
  create(@Param() { id }: IdParamDto, @Body() dto: CreateVersionDto, @CurrentUser() actor: AuthUser) {
    return this.versions.create(id, dto.message, actor);
  }

  @Get(':id/versions/:versionId')
  @RequirePermission('api', 'read')
  @ApiOkResponse({ type: ApiVersionResponseDto })
  get(@Param() { id, versionId }: VersionParamsDto, @CurrentUser() actor: AuthUser) {
    return this.versions.get(id, versionId, actor);
  }

  @Delete(':id/versions/:versionId')
  @RequirePermission('api', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id, versionId }: VersionParamsDto, @CurrentUser() actor: AuthUser) {
    return this.versions.remove(id, versionId, actor);
  }

  @Post(':id/versions/:versionId/restore')
  @RequirePermission('api', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiResponseDto })
  restore(@Param() { id, versionId }: VersionParamsDto, @CurrentUser() actor: AuthUser) {
    return this.versions.restore(id, versionId, actor);
  }

  @Get(':id/diff')
  @RequirePermission('api', 'read')
  @ApiOkResponse({ type: VersionDiffDto })
  diff(@Param() { id }: IdParamDto, @Query() query: VersionDiffQueryDto, @CurrentUser() actor: AuthUser) {
    return this.versions.diff(id, query.from, query.to ?? 'draft', actor);
  }

  @Post(':id/publish')
  @RequirePermission('api', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiResponseDto })
  publish(@Param() { id }: IdParamDto, @Body() dto: PublishVersionDto, @CurrentUser() actor: AuthUser) {
    return this.versions.publish(id, dto.versionId, actor);
  }

  @Post(':id/unpublish')
  @RequirePermission('api', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiResponseDto })
  unpublish(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.versions.unpublish(id, actor);
  }
}
