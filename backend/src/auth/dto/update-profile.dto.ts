import { TrimmedName } from 'src/common/validation/decorators.js';

export class UpdateProfileDto {
  @TrimmedName(200)
  name: string;
}
