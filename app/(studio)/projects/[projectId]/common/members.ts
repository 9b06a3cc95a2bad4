import type { MemberDto } from '../../../../../lib/api/dto';

/** What the mixer calls a member: their name, or their email when they gave none. */
export function memberName(member: Pick<MemberDto, 'name' | 'email'>): string {
  return member.name.trim() || member.email;
}

/** Up to two initials: "Ada Lovelace" -> "AL", "ada@example.com" -> "A". */
export function initials(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0]).toUpperCase();
}
