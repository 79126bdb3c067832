import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApisService } from 'src/apis/apis.service.js';
import { ApiPageDto, ApiResponseDto } from 'src/apis/dto/api-response.dto.js';
import { CreateApiDto } from 'src/apis/dto/create-api.dto.js';
import { ListApisQueryDto } from 'src/apis/dto/list-apis-query.dto.js';
import { UpdateApiDto } from 'src/apis/dto/update-api.dto.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';

@ApiTags('apis')
@Controller('admin/v1/apis')
export class ApisController {
  constructor(private readonly apis: ApisService) {}

  @Get()
  @RequirePermission('api', 'read')
  @ApiOkResponse({ type: ApiPageDto })
  list(@Query() query: ListApisQueryDto, @CurrentUser() actor: AuthUser) {
    return this.apis.list(query, actor);
  }

  @Post()
  @RequirePermission('api', 'create')
  @ApiCreatedResponse({ type: ApiResponseDto })
  create(@Body() dto: CreateApiDto, @CurrentUser() actor: AuthUser) {
    return this.apis.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('api', 'read')
  @ApiOkResponse({ type: ApiResponseDto })
  get(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.apis.get(id, actor);
  }

  @Patch(':id')
  @RequirePermission('api', 'update')
  @ApiOkResponse({ type: ApiResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateApiDto, @CurrentUser() actor: AuthUser) {
    return this.apis.update(id, dto, actor);
  }

  @Delete(':id')
  @RequirePermission('api', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.apis.remove(id, actor);
  }
}
