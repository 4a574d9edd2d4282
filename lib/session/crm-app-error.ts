import { AppError, errorMessage } from '../errors.ts';
import { crmErrorCode, crmErrorParams } from '../crm/crm-failure.ts';

/**
 * A failed CRM call as a command's error: the code says what the agent can do, the params what the text names (the
 * half-made request's number). Here rather than in lib/crm/crm-failure.ts, which lib/errors.ts imports.
 */
export function crmAppError(error: unknown): AppError {
  return new AppError(crmErrorCode(error), errorMessage(error), crmErrorParams(error));
}
