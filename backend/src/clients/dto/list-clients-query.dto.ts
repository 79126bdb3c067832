import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';
import { QueryBoolean, ValidateId } from 'src/common/validation/decorators.js';

export class ListClientsQueryDto extends PageQueryDto {
  @QueryBoolean()
  isActive?: boolean;

  @ValidateId({ optional: true })
  groupId?: string;
}
