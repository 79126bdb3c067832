import { defineErrors } from 'src/common/errors/app-exception.js';

/** Thrown by TokenService.verify: the gateway answers 401 for both. */
export const TokenErrors = {
  /** Malformed, wrong algorithm, unknown key, bad signature, wrong audience/issuer/type. */
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
} as const;

export type TokenErrorCode = keyof typeof TokenErrors;

export const tokenError = defineErrors(TokenErrors);
