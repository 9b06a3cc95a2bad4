import type { z } from 'zod';
import { isApiError } from './api';
import { sentence } from './format';

/** Errors of one form: messages under named fields, and the rest in a notice above the buttons. */
export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  form?: string;
}

export const NO_ERRORS: FormErrors<never> = { fields: {} };

export function hasErrors(errors: FormErrors<string>): boolean {
  return errors.form !== undefined || Object.keys(errors.fields).length > 0;
}

/**
 * Checks a form's values against the API's own request schema before sending them, so the field
 * errors appear at once; the server checks again.
 */
export function validate<S extends z.ZodType, F extends string>(
  schema: S,
  value: unknown,
  fields: readonly F[],
): { ok: true; data: z.infer<S> } | { ok: false; errors: FormErrors<F> } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors<F> = { fields: {} };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if ((fields as readonly string[]).includes(field)) {
      errors.fields[field as F] ??= sentence(issue.message);
    } else {
      errors.form ??= sentence(issue.message);
    }
  }
  return { ok: false, errors };
}

/** Puts a failed request's error under its field when the form has that field, else in the notice. */
export function toFormErrors<F extends string>(err: unknown, fields: readonly F[]): FormErrors<F> {
  if (isApiError(err) && err.field && (fields as readonly string[]).includes(err.field)) {
    return { fields: { [err.field]: sentence(err.message, err.field) } as Partial<Record<F, string>> };
  }
  return { fields: {}, form: errorMessage(err) };
}

export function errorMessage(err: unknown): string {
  if (isApiError(err)) return sentence(err.message, err.field);
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong';
}
