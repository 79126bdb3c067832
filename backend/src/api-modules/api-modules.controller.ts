import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiModulesService } from 'src/api-modules/api-modules.service.js';
import { ApiModulePageDto, ApiModuleResponseDto } from 'src/api-modules/dto/api-module-response.dto.js';
import { CreateApiModuleDto } from 'src/api-modules/dto/create-api-module.dto.js';
import { ListApiModulesQueryDto } from 'src/api-modules/dto/list-api-modules-query.dto.js';
import { UpdateApiModuleDto } from 'src/api-modules/dto/update-api-module.dto.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';

@ApiTags('api-modules')
@Controller('admin/v1/api-modules')
export class ApiModulesController {
  constructor(private readonly modules: ApiModulesService) {}

  @Get()
  @RequirePermission('api_module', 'read')
  @ApiOkResponse({ type: ApiModulePageDto })
  list(@Query() query: ListApiModulesQueryDto) {
    return this.modules.list(query);
  }

  @Post()
  @RequirePermission('api_module', 'create')
  @ApiCreatedResponse({ type: ApiModuleResponseDto })
  create(@Body() dto: CreateApiModuleDto, @CurrentUser() actor: AuthUser) {
    return this.modules.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('api_module', 'read')
  @ApiOkResponse({ type: ApiModuleResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.modules.get(id);
  }

  @Patch(':id')
  @RequirePermission('api_module', 'update')
  @ApiOkResponse({ type: ApiModuleResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateApiModuleDto, @CurrentUser() actor: AuthUser) {
    return this.modules.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('api_module', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.modules.remove(id, actor);
  }
}
