import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from 'src/common/errors/app-exception.js';
import { commonError } from 'src/common/errors/error-code.js';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one global pipe: whitelist, forbid unknown fields, transform; failures → VALIDATION_FAILED with a detail per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.length ? details.map((d) => d.message).join('; ') : 'Invalid request';
      return commonError('VALIDATION_FAILED', message, details);
    },
  });
}
