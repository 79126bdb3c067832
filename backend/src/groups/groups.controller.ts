import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';
import { CreateGroupDto } from 'src/groups/dto/create-group.dto.js';
import { GroupPageDto, GroupResponseDto } from 'src/groups/dto/group-response.dto.js';
import { ListGroupsQueryDto } from 'src/groups/dto/list-groups-query.dto.js';
import { UpdateGroupDto } from 'src/groups/dto/update-group.dto.js';
import { GroupsService } from 'src/groups/groups.service.js';

@ApiTags('groups')
@Controller('admin/v1/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @RequirePermission('group', 'read')
  @ApiOkResponse({ type: GroupPageDto })
  list(@Query() query: ListGroupsQueryDto) {
    return this.groups.list(query);
  }

  @Post()
  @RequirePermission('group', 'create')
  @ApiCreatedResponse({ type: GroupResponseDto })
  create(@Body() dto: CreateGroupDto, @CurrentUser() actor: AuthUser) {
    return this.groups.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('group', 'read')
  @ApiOkResponse({ type: GroupResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.groups.get(id);
  }

  @Patch(':id')
  @RequirePermission('group', 'update')
  @ApiOkResponse({ type: GroupResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateGroupDto, @CurrentUser() actor: AuthUser) {
    return this.groups.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('group', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.groups.remove(id, actor);
  }
}
