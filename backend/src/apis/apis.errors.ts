import { defineErrors } from 'src/common/errors/app-exception.js';

export const ApiErrors = {
  API_NOT_FOUND: 404,
  API_ROUTE_CONFLICT: 409,
  API_ROUTE_RESERVED: 409,
  API_PUBLISHED: 409,
  API_NO_CONTENT: 400,
  API_VERSION_NOT_FOUND: 404,
  API_VERSION_PUBLISHED: 409,
  API_MACRO_UNPUBLISHED: 409,
  API_MACRO_MISSING: 409,
  API_DATASOURCE_INACTIVE: 409,
} as const;

export const apiError = defineErrors(ApiErrors);
