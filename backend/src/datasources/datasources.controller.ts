import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';
import { DatasourcesService } from 'src/datasources/datasources.service.js';
import { CreateDatasourceDto } from 'src/datasources/dto/create-datasource.dto.js';
import { DatasourcePageDto, DatasourceResponseDto } from 'src/datasources/dto/datasource-response.dto.js';
import { ListDatasourcesQueryDto } from 'src/datasources/dto/list-datasources-query.dto.js';
import { ConnectionTestResponseDto, TestDatasourceDto } from 'src/datasources/dto/test-datasource.dto.js';
import { UpdateDatasourceDto } from 'src/datasources/dto/update-datasource.dto.js';

@ApiTags('datasources')
@Controller('admin/v1/datasources')
export class DatasourcesController {
  constructor(private readonly datasources: DatasourcesService) {}

  @Get()
  @RequirePermission('datasource', 'read')
  @ApiOkResponse({ type: DatasourcePageDto })
  list(@Query() query: ListDatasourcesQueryDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.list(query, actor);
  }

  @Post()
  @RequirePermission('datasource', 'create')
  @ApiCreatedResponse({ type: DatasourceResponseDto })
  create(@Body() dto: CreateDatasourceDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.create(dto, actor);
  }

  /** Tries unsaved settings (same body as create, plus `id` to reuse a stored password). */
  @Post('test')
  @HttpCode(200)
  @RequirePermission('datasource', 'execute')
  @ApiOkResponse({ type: ConnectionTestResponseDto })
  testSettings(@Body() dto: TestDatasourceDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.testUnsaved(dto, actor);
  }

  @Get(':id')
  @RequirePermission('datasource', 'read')
  @ApiOkResponse({ type: DatasourceResponseDto })
  get(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.get(id, actor);
  }

  @Patch(':id')
  @RequirePermission('datasource', 'update')
  @ApiOkResponse({ type: DatasourceResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateDatasourceDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('datasource', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.remove(id, actor);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('datasource', 'execute')
  @ApiOkResponse({ type: ConnectionTestResponseDto })
  test(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.datasources.testSaved(id, actor);
  }
}
