import { defineErrors } from 'src/common/errors/app-exception.js';

export const RoleErrors = {
  ROLE_NOT_FOUND: 404,
  ROLE_NAME_TAKEN: 409,
  ROLE_SYSTEM: 409,
  PERMISSION_NOT_FOUND: 404,
  PERMISSION_EXISTS: 409,
  PERMISSION_UNKNOWN: 400,
} as const;

export const roleError = defineErrors(RoleErrors);
