import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateMacroDto } from 'src/macros/dto/create-macro.dto.js';

/** Kind and scope are fixed at creation. */
export class UpdateMacroDto extends PartialType(OmitType(CreateMacroDto, ['kind', 'moduleId'] as const), { skipNullProperties: false }) {}
