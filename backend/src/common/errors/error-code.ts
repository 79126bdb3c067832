import { defineErrors } from 'src/common/errors/app-exception.js';

/** Codes shared by every feature; feature-specific codes live in `<feature>.errors.ts`. */
export const CommonErrors = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type CommonErrorCode = keyof typeof CommonErrors;
export const commonError = defineErrors(CommonErrors);
