import { PartialType } from '@nestjs/swagger';
import { CreateApiDto } from 'src/apis/dto/create-api.dto.js';

/** Partial; path and method cannot change while the API is published. */
export class UpdateApiDto extends PartialType(CreateApiDto, { skipNullProperties: false }) {}
