import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';
import { QueryBoolean } from 'src/common/validation/decorators.js';

export class ListApiModulesQueryDto extends PageQueryDto {
  @QueryBoolean()
  isActive?: boolean;
}
