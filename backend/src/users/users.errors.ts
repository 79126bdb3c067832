import { defineErrors } from 'src/common/errors/app-exception.js';

export const UserErrors = {
  USER_NOT_FOUND: 404,
  USER_EMAIL_TAKEN: 409,
  USER_SELF_LOCKOUT: 409,
  USER_ROLE_NOT_FOUND: 400,
} as const;

export const userError = defineErrors(UserErrors);
