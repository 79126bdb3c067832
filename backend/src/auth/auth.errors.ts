import { defineErrors } from 'src/common/errors/app-exception.js';

export const AuthErrors = {
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_UNAUTHENTICATED: 401,
  AUTH_THROTTLED: 429,
  AUTH_FORBIDDEN: 403,
  /** A route without a permission declaration is closed, never open. */
  AUTH_ROUTE_UNDECLARED: 403,
  AUTH_WRONG_PASSWORD: 400,
} as const;

export const authError = defineErrors(AuthErrors);
