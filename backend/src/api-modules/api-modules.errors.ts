import { defineErrors } from 'src/common/errors/app-exception.js';

export const ApiModuleErrors = {
  API_MODULE_NOT_FOUND: 404,
  API_MODULE_NAME_TAKEN: 409,
  API_MODULE_IN_USE: 409,
} as const;

export const apiModuleError = defineErrors(ApiModuleErrors);
