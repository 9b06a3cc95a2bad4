import type { Role } from '../../lib/roles';

export const ROLE_LABELS: Record<Role, string> = {
  lead: 'Lead',
  mixer: 'Mixer',
  mastering: 'Mastering',
  reviewer: 'Reviewer',
};

export const ROLE_HINTS: Record<Role, string> = {
  lead: 'everything: tracks, assignments, members, approvals',
  mixer: 'edits the strips of the tracks assigned to them',
  mastering: 'edits the master section, approves or sends back',
  reviewer: 'listens and comments, edits nothing',
};

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

/** Server messages are lower-case sentences, sometimes prefixed with the field ("name: ..."). */
export function sentence(message: string, field?: string): string {
  let text = message.trim();
  if (field && text.toLowerCase().startsWith(`${field.toLowerCase()}: `)) text = text.slice(field.length + 2);
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
