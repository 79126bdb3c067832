import { ApiProperty } from '@nestjs/swagger';
import type { ClientEntity } from 'src/clients/client.entity.js';

export class ClientResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Public id used on the token endpoint' }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'An inactive client gets no token and its tokens stop working' }) isActive: boolean;
  @ApiProperty({ type: Number, nullable: true }) rateLimitPerMinute: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxConcurrent: number | null;
  @ApiProperty({ type: Number, nullable: true }) tokenTtlSeconds: number | null;
  @ApiProperty({ type: [String] }) allowedIps: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) groupIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) apiIds: string[];
  @ApiProperty({ description: 'Last secret rotation; tokens issued before it are invalid' }) secretRotatedAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'Until when the previous secret is still accepted' }) previousSecretExpiresAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** Creation answer: the only time (with rotation) the secret is shown. */
export class ClientCreatedResponseDto extends ClientResponseDto {
  @ApiProperty({ description: 'Shown once; store it now' }) clientSecret: string;
}

export class ClientSecretResponseDto {
  @ApiProperty() clientId: string;
  @ApiProperty({ description: 'The new secret, shown once' }) clientSecret: string;
  @ApiProperty({ type: Date, nullable: true, description: 'Until when the previous secret is still accepted' }) previousSecretExpiresAt: Date | null;
}

export interface ClientLinks {
  groupIds: string[];
  apiIds: string[];
}

export const toClientResponse = (c: ClientEntity, links: ClientLinks): ClientResponseDto => ({
  id: c.id,
  clientId: c.clientId,
  name: c.name,
  description: c.description,
  isActive: c.isActive,
  rateLimitPerMinute: c.rateLimitPerMinute,
  maxConcurrent: c.maxConcurrent,
  tokenTtlSeconds: c.tokenTtlSeconds,
  allowedIps: c.allowedIps,
  groupIds: links.groupIds,
  apiIds: links.apiIds,
  secretRotatedAt: c.secretRotatedAt,
  previousSecretExpiresAt: c.previousSecretExpiresAt && c.previousSecretExpiresAt > new Date() ? c.previousSecretExpiresAt : null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export class ClientPageDto {
  @ApiProperty({ type: [ClientResponseDto] }) items: ClientResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** One API a client may call (direct link or through an active group). */
export class ClientApiDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty() moduleName: string;
  @ApiProperty() path: string;
  @ApiProperty() method: string;
  @ApiProperty() accessType: string;
  @ApiProperty({ description: 'A version is published and serving' }) published: boolean;
  @ApiProperty({ description: 'Linked directly to the client' }) direct: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Active groups of the client that contain the API' }) viaGroupIds: string[];
}

export class ClientApiListDto {
  @ApiProperty({ type: [ClientApiDto] }) items: ClientApiDto[];
}
