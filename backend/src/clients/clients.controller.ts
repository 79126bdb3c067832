import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { ClientsService } from 'src/clients/clients.service.js';
import { ClientApiListDto, ClientCreatedResponseDto, ClientPageDto, ClientResponseDto, ClientSecretResponseDto } from 'src/clients/dto/client-response.dto.js';
import { CreateClientDto } from 'src/clients/dto/create-client.dto.js';
import { ListClientsQueryDto } from 'src/clients/dto/list-clients-query.dto.js';
import { RotateClientSecretDto } from 'src/clients/dto/rotate-client-secret.dto.js';
import { UpdateClientDto } from 'src/clients/dto/update-client.dto.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';

@ApiTags('clients')
@Controller('admin/v1/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @RequirePermission('client', 'read')
  @ApiOkResponse({ type: ClientPageDto })
  list(@Query() query: ListClientsQueryDto) {
    return this.clients.list(query);
  }

  @Post()
  @RequirePermission('client', 'create')
  @ApiCreatedResponse({ type: ClientCreatedResponseDto, description: 'The only answer (with rotation) that contains the secret' })
  create(@Body() dto: CreateClientDto, @CurrentUser() actor: AuthUser) {
    return this.clients.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('client', 'read')
  @ApiOkResponse({ type: ClientResponseDto })
  get(@Param() { id }: IdParamDto) {
    return this.clients.get(id);
  }

  @Get(':id/apis')
  @RequirePermission('client', 'read')
  @ApiOkResponse({ type: ClientApiListDto, description: 'Direct links ∪ APIs of the client\'s active groups' })
  effectiveApis(@Param() { id }: IdParamDto) {
    return this.clients.effectiveApis(id);
  }

  @Patch(':id')
  @RequirePermission('client', 'update')
  @ApiOkResponse({ type: ClientResponseDto })
  update(@Param() { id }: IdParamDto, @Body() dto: UpdateClientDto, @CurrentUser() actor: AuthUser) {
    return this.clients.update(id, dto, actor);
  }

  @Post(':id/secret')
  @RequirePermission('client', 'update')
  @HttpCode(200)
  @ApiOkResponse({ type: ClientSecretResponseDto, description: 'The new secret, shown once' })
  rotateSecret(@Param() { id }: IdParamDto, @Body() dto: RotateClientSecretDto, @CurrentUser() actor: AuthUser) {
    return this.clients.rotateSecret(id, dto.graceSeconds ?? 0, actor);
  }

  @Delete(':id')
  @RequirePermission('client', 'delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser) {
    return this.clients.remove(id, actor);
  }
}
