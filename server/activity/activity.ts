import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { docUpdate, projectEvent, user, type DocChange } from '../../db/schema';
import { parsePath, readMix, type MixSnapshot } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import { DECISION_TEXT, isReviewAction } from '../../lib/review-workflow';
import { requireProjectAccess } from '../access/project-access';
import type { SyncServer } from '../sync/sync-server';

export interface ActivityContext {
  db: Db;
  sync: Pick<SyncServer, 'read'>;
}

/** Edits of one person to one track (or bus, or the master) this close together are one entry. @default 60 s */
export const GROUP_WINDOW_MS = 60_000;
/** Entries per page. @default 50 */
export const ACTIVITY_PAGE = 50;

export interface ActivityEntry {
  /** Stable across pages: `u<first doc_update id>` or `e<project_event id>`. */
  id: string;
  kind:
    | 'edit'
    | 'track_added'
    | 'track_removed'
    | 'assigned'
    | 'audio'
    | 'bus_added'
    | 'bus_removed'
    | 'revision_published'
    | 'revision_rendered'
    | 'revision_restored'
    | 'revision_deleted'
    | 'comment_created'
    | 'review_decided';
  user: { id: string; name: string } | null;
  /** Time of the newest edit of the entry. */
  at: string;
  /** The track or bus id, or 'master' / 'project'. */
  target: string | null;
  /** Parameters changed (edits only). */
  count?: number;
  text: string;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** Pass as `cursor` for older entries; null at the beginning of the project. */
  nextCursor: string | null;
}

/** What a path tells about its unit and section: tracks/bass/strip/eq/... -> ['tracks/bass', 'EQ']. */
function classify(segments: readonly string[]): { unit: string; section: string } {
  const [root, id, group, sub] = segments;
  if (root === 'tracks' || root === 'buses') {
    const unit = `${root}/${id}`;
    if (group === 'strip') {
      const words: Record<string, string> = { gainDb: 'fader', pan: 'pan', mute: 'mute', solo: 'solo', trimDb: 'trim', phase: 'polarity', eq: 'EQ', comp: 'compressor', sends: 'sends', output: 'output' };
      return { unit, section: words[sub] ?? sub ?? 'strip' };
    }
    const words: Record<string, string> = { automation: 'automation', review: 'review', name: 'name', color: 'colour', order: 'position', offsetSec: 'start', params: 'settings' };
    return { unit, section: words[group] ?? group ?? 'settings' };
  }
  if (root === 'master') return { unit: 'master', section: group === 'eq' ? 'EQ' : group === 'comp' ? 'compressor' : (group ?? 'settings') };
  return { unit: 'project', section: group ?? 'settings' };
}

interface Raw {
  id: number;
  userId: string | null;
  at: Date;
  changes: DocChange[];
}

/** The order sections are named in, as on a channel strip. */
const SECTION_ORDER = ['name', 'fader', 'pan', 'mute', 'solo', 'trim', 'polarity', 'EQ', 'compressor', 'sends', 'output', 'automation', 'review'];
const bySection = (a: string, b: string) => (SECTION_ORDER.indexOf(a) + 1 || 99) - (SECTION_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Turns one document edit into what the feed says of it: structure (a track added or removed, an
 * assignment, new audio) is an entry of its own; parameter changes are grouped per unit.
 */
function readEdit(raw: Raw): Array<{ kind: ActivityEntry['kind']; unit: string; sections: Set<string>; paths: Set<string>; value?: unknown }> {
  const out: ReturnType<typeof readEdit> = [];
  const edits = new Map<string, { sections: Set<string>; paths: Set<string> }>();
  const created = new Set(raw.changes.filter((c) => !c.deleted && /^(tracks|buses)\/[^/]+$/.test(c.path)).map((c) => c.path));
  for (const change of raw.changes) {
    const segments = parsePath(change.path);
    if ((segments[0] === 'tracks' || segments[0] === 'buses') && segments.length === 2) {
      const kind = segments[0] === 'tracks' ? (change.deleted ? 'track_removed' : 'track_added') : change.deleted ? 'bus_removed' : 'bus_added';
      out.push({ kind, unit: change.path, sections: new Set(), paths: new Set(), value: change.value });
      continue;
    }
    const unit = segments.slice(0, 2).join('/');
    if (created.has(unit)) continue;
    if (segments[0] === 'tracks' && segments[2] === 'assignees') {
      out.push({ kind: 'assigned', unit, sections: new Set(), paths: new Set(), value: change.value });
      continue;
    }
    if (segments[0] === 'tracks' && segments[2] === 'stemId') {
      out.push({ kind: 'audio', unit, sections: new Set(), paths: new Set() });
      continue;
    }
    const { unit: u, section } = classify(segments);
    const entry = edits.get(u) ?? { sections: new Set(), paths: new Set() };
    entry.sections.add(section);
    entry.paths.add(change.path);
    edits.set(u, entry);
  }
  for (const [unit, e] of edits) out.push({ kind: 'edit', unit, ...e });
  return out;
}

/**
 * The project's activity, newest first: document edits grouped into readable entries (one
 * person's changes to one track within a minute), structure changes, and revisions published,
 * rendered, restored and deleted. Paged by `cursor` (the time of the oldest entry returned).
 */
export async function getActivity(ctx: ActivityContext, options: { userId: string; projectId: string; cursor?: string; limit?: number }): Promise<ActivityPage> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'read' });
  const limit = Math.min(Math.max(options.limit ?? ACTIVITY_PAGE, 1), 200);
  const before = options.cursor ? new Date(options.cursor) : undefined;
  if (before && Number.isNaN(before.getTime())) throw new AppError('invalid_input', { message: 'cursor must be a time from an earlier page', details: { field: 'cursor' } });
  const updates = await ctx.db
    .select({ id: docUpdate.id, userId: docUpdate.userId, at: docUpdate.createdAt, changes: docUpdate.changes })
    .from(docUpdate)
    .where(and(eq(docUpdate.projectId, options.projectId), before ? lt(docUpdate.createdAt, before) : undefined))
    .orderBy(desc(docUpdate.id))
    .limit(limit * 20);
  const events = await ctx.db
    .select()
    .from(projectEvent)
    .where(and(eq(projectEvent.projectId, options.projectId), before ? lt(projectEvent.createdAt, before) : undefined))
    .orderBy(desc(projectEvent.id))
    .limit(limit);
  const mix = await ctx.sync.read(options.projectId, readMix);
  const assignees = updates.flatMap((u) => u.changes.filter((c) => c.path.endsWith('/assignees') && Array.isArray(c.value)).flatMap((c) => c.value as string[]));
  const names = await nameMap(ctx.db, [...updates.map((u) => u.userId), ...events.map((e) => e.userId), ...assignees]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'a former member' } : null);
  const who = (id: string | null) => person(id)?.name ?? 'The server';

  type Pending = ActivityEntry & { atMs: number; unit: string; sections: Set<string>; paths: Set<string> };
  const entries: Pending[] = [];
  for (const raw of updates.filter((u) => u.changes.length > 0)) {
    for (const item of readEdit(raw)) {
      const name = unitName(mix, item.unit, item.value);
      const last = entries[entries.length - 1];
      const atMs = raw.at.getTime();
      if (item.kind === 'edit' && last?.kind === 'edit' && last.user?.id === raw.userId && last.unit === item.unit && last.atMs - atMs <= GROUP_WINDOW_MS) {
        item.sections.forEach((s) => last.sections.add(s));
        item.paths.forEach((p) => last.paths.add(p));
        last.atMs = atMs;
        continue;
      }
      entries.push({ id: `u${raw.id}`, kind: item.kind, user: person(raw.userId), at: raw.at.toISOString(), atMs, target: item.unit.split('/')[1] ?? item.unit, unit: item.unit, sections: item.sections, paths: item.paths, text: structureText(item.kind, who(raw.userId), name, item.value, names) });
    }
  }
  for (const e of entries) {
    if (e.kind !== 'edit') continue;
    e.count = e.paths.size;
    e.text = `${who(e.user?.id ?? null)} changed ${unitName(mix, e.unit)} ${listWords([...e.sections].sort(bySection))} (${e.count} parameter${e.count === 1 ? '' : 's'})`;
  }
  for (const event of events) {
    const data = event.data as { number?: number; title?: string; kind?: string; action?: string; to?: string; note?: string; reply?: boolean; atSec?: number };
    const texts: Record<string, string> = {
      revision_published: `${who(event.userId)} published revision ${data.number} (${data.kind}): ${data.title}`,
      revision_rendered: `${who(event.userId)} added the ${data.kind} render of revision ${data.number}`,
      revision_restored: `${who(event.userId)} restored revision ${data.number}: ${data.title}`,
      revision_deleted: `${who(event.userId)} deleted revision ${data.number}: ${data.title}`,
      comment_created: `${who(event.userId)} ${data.reply ? 'replied to a comment' : 'commented'} on revision ${data.number} at ${formatTime(data.atSec ?? 0)}`,
      review_decided: `${who(event.userId)} ${data.action && isReviewAction(data.action) ? DECISION_TEXT[data.action].done : data.action}${data.number ? ` (revision ${data.number})` : ''}${data.note ? `: ${data.note}` : ''}`,
    };
    entries.push({
      id: `e${event.id}`, kind: event.kind as ActivityEntry['kind'], user: person(event.userId), at: event.createdAt.toISOString(), atMs: event.createdAt.getTime(),
      target: null, unit: 'project', sections: new Set(), paths: new Set(), text: texts[event.kind] ?? `${who(event.userId)}: ${event.kind}`,
    });
  }
  entries.sort((a, b) => b.atMs - a.atMs);
  const page = entries.slice(0, limit);
  const more = entries.length > limit || updates.length === limit * 20 || events.length === limit;
  return {
    entries: page.map(({ atMs: _a, unit: _u, sections: _s, paths: _p, ...entry }) => entry),
    nextCursor: more && page.length > 0 ? new Date(page[page.length - 1].atMs).toISOString() : null,
  };
}

/** 83.2 -> "1:23.2". */
function formatTime(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec - m * 60;
  return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

function unitName(mix: MixSnapshot, unit: string, value?: unknown): string {
  const [root, id] = unit.split('/');
  if (unit === 'master') return 'the master';
  if (unit === 'project') return 'the project';
  const fromValue = typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : undefined;
  if (root === 'tracks') return mix.tracks.find((t) => t.id === id)?.name ?? fromValue ?? id;
  const bus = mix.buses.find((b) => b.id === id)?.name ?? fromValue ?? id;
  return `the ${bus} bus`;
}

function structureText(kind: ActivityEntry['kind'], who: string, name: string, value: unknown, names: ReadonlyMap<string, string>): string {
  switch (kind) {
    case 'track_added':
      return `${who} added the track ${name}`;
    case 'track_removed':
      return `${who} deleted the track ${name}`;
    case 'bus_added':
      return `${who} added ${name}`;
    case 'bus_removed':
      return `${who} deleted ${name}`;
    case 'audio':
      return `${who} replaced the audio of ${name}`;
    case 'assigned': {
      const people = Array.isArray(value) ? value.map((id) => names.get(String(id)) ?? String(id)) : [];
      return people.length > 0 ? `${who} assigned ${name} to ${listWords(people)}` : `${who} unassigned ${name}`;
    }
    default:
      return `${who} changed ${name}`;
  }
}

async function nameMap(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface BlameEntry {
  user: { id: string; name: string } | null;
  at: string;
}

/**
 * Who changed each parameter last and when, from the audit trail (doc_update.changes): every path
 * of the project, or the one `path` asks for. A path never written since the project began has none.
 */
export async function getBlame(ctx: ActivityContext, options: { userId: string; projectId: string; path?: string }): Promise<Record<string, BlameEntry>> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'read' });
  const rows = await ctx.db.execute(sql`
    select distinct on (c->>'path') c->>'path' as path, d.user_id as user_id, d.created_at as created_at
    from ${docUpdate} d, jsonb_array_elements(d.changes) c
    where d.project_id = ${options.projectId} ${options.path ? sql`and c->>'path' = ${options.path}` : sql``}
    order by c->>'path', d.id desc`);
  const list = ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as Array<{ path: string; user_id: string | null; created_at: string | Date }>;
  const names = await nameMap(ctx.db, list.map((r) => r.user_id));
  const out: Record<string, BlameEntry> = {};
  for (const r of list) {
    out[r.path] = { user: r.user_id ? { id: r.user_id, name: names.get(r.user_id) ?? 'a former member' } : null, at: new Date(r.created_at).toISOString() };
  }
  return out;
}
