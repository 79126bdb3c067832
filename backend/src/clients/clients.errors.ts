import { defineErrors } from 'src/common/errors/app-exception.js';

export const ClientErrors = {
  CLIENT_NOT_FOUND: 404,
  CLIENT_NAME_TAKEN: 409,
  CLIENT_GROUP_NOT_FOUND: 400,
  CLIENT_API_NOT_FOUND: 400,
} as const;

export const clientError = defineErrors(ClientErrors);
