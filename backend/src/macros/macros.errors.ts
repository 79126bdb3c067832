import { defineErrors } from 'src/common/errors/app-exception.js';

export const MacroErrors = {
  MACRO_NOT_FOUND: 404,
  MACRO_NAME_TAKEN: 409,
  MACRO_IN_USE: 409,
  MACRO_NO_CONTENT: 400,
  MACRO_VERSION_NOT_FOUND: 404,
  MACRO_VERSION_PUBLISHED: 409,
} as const;

export const macroError = defineErrors(MacroErrors);
