import { isApiError } from '../../../../_lib/api';
import { sentence } from '../../../../_lib/format';

/** What a refused decision says: the server's reason, and which kind of refusal it was. */
export function decisionError(err: unknown): string {
  const message = sentence(err instanceof Error ? err.message : String(err));
  if (!isApiError(err)) return message;
  if (err.status === 409) return `Not possible now: ${message}`;
  if (err.status === 403) return `Not allowed: ${message}`;
  return message;
}
