import { defineErrors } from 'src/common/errors/app-exception.js';

export const AccessLogErrors = {
  ACCESS_LOG_NOT_FOUND: 404,
} as const;

export const accessLogError = defineErrors(AccessLogErrors);
