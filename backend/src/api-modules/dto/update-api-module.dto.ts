import { PartialType } from '@nestjs/swagger';
import { CreateApiModuleDto } from 'src/api-modules/dto/create-api-module.dto.js';

export class UpdateApiModuleDto extends PartialType(CreateApiModuleDto, { skipNullProperties: false }) {}
