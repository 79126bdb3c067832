import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';
import { CreatePermissionDto, CreateRoleDto, PermissionResponseDto, RolePageDto, RoleResponseDto, UpdateRoleDto } from 'src/roles/dto/role.dto.js';
import { RolesService } from 'src/roles/roles.service.js';

@ApiTags('roles')
@Controller('admin/v1/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @RequirePermission('role', 'read')
  @ApiOkResponse({ type: RolePageDto })
  list(@Query() query: PageQueryDto) {
    return this.roles.list(query);
  }

  @Post()
  @RequirePermission('role', 'create')
  @ApiCreatedResponse({ type: RoleResponseDto })
  create(@Body() dto: CreateRoleDto, @CurrentUser() actor: AuthUser) {
    return this.roles.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('role', 'read')
  @ApiOkResponse({ type: RoleResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.roles.get(id);
  }

  @Patch(':id')
  @RequirePermission('role', 'update')
  @ApiOkResponse({ type: RoleResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateRoleDto, @CurrentUser() actor: AuthUser) {
    return this.roles.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('role', 'delete')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.roles.remove(id, actor);
  }
}

@ApiTags('permissions')
@Controller('admin/v1/permissions')
export class PermissionsController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @RequirePermission('role', 'read')
  @ApiOkResponse({ type: [PermissionResponseDto] })
  list() {
    return this.roles.listPermissions();
  }

  @Post()
  @RequirePermission('role', 'create')
  @ApiCreatedResponse({ type: PermissionResponseDto })
  create(@Body() dto: CreatePermissionDto, @CurrentUser() actor: AuthUser) {
    return this.roles.createPermission(dto, actor);
  }

  @Delete(':id')
  @RequirePermission('role', 'delete')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.roles.deletePermission(id, actor);
  }
}
