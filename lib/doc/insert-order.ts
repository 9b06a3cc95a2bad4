// No imports: the engine bundle (AudioWorklet) orders inserts with this, and must not pull in Yjs or zod.

/** The inserts of a strip in processing order (by `order`, then id), with their ids (SPEC L18). */
export function orderedInserts<T extends { order: number }>(inserts: Readonly<Record<string, T>> | undefined): Array<T & { id: string }> {
  return Object.entries(inserts ?? {})
    .map(([id, insert]) => ({ ...insert, id }))
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
