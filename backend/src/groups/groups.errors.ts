import { defineErrors } from 'src/common/errors/app-exception.js';

export const GroupErrors = {
  GROUP_NOT_FOUND: 404,
  GROUP_NAME_TAKEN: 409,
  GROUP_API_NOT_FOUND: 400,
} as const;

export const groupError = defineErrors(GroupErrors);
