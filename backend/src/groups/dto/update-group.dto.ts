import { PartialType } from '@nestjs/swagger';
import { CreateGroupDto } from 'src/groups/dto/create-group.dto.js';

export class UpdateGroupDto extends PartialType(CreateGroupDto, { skipNullProperties: false }) {}
