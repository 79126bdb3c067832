import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';
import { CreateUserDto } from 'src/users/dto/create-user.dto.js';
import { ListUsersQueryDto } from 'src/users/dto/list-users-query.dto.js';
import { UpdateUserDto } from 'src/users/dto/update-user.dto.js';
import { UserPageDto, UserResponseDto } from 'src/users/dto/user-response.dto.js';
import { UserRolesDto } from 'src/users/dto/user-roles.dto.js';
import { UsersService } from 'src/users/users.service.js';

@ApiTags('users')
@Controller('admin/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('user', 'read')
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @RequirePermission('user', 'create')
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('user', 'read')
  @ApiOkResponse({ type: UserResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission('user', 'update')
  @ApiOkResponse({ type: UserResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('user', 'delete')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.users.remove(id, actor);
  }

  @Get(':id/roles')
  @RequirePermission('user', 'read')
  @ApiOkResponse({ type: UserRolesDto })
  async roles(@Param() { id }: IdParamDto): Promise<UserRolesDto> {
    return { roleIds: await this.users.roles(id) };
  }

  @Put(':id/roles')
  @RequirePermission('user', 'update')
  @ApiOkResponse({ type: UserRolesDto })
  async setRoles(@Param() { id }: IdParamDto, @Body() dto: UserRolesDto, @CurrentUser() actor: AuthUser): Promise<UserRolesDto> {
    return { roleIds: await this.users.setRoles(id, dto.roleIds, actor) };
  }
}
