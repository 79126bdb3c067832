import { PartialType } from '@nestjs/swagger';
import { CreateClientDto } from 'src/clients/dto/create-client.dto.js';

export class UpdateClientDto extends PartialType(CreateClientDto, { skipNullProperties: false }) {}
