import { describe, expect, it } from 'vitest';
import type { CommentDto } from '../../../../../lib/api/dto';
import { layoutMarkers } from './comment-markers';
import { buildThreads } from './comment-threads';

let n = 0;
function comment(atSec: number, extra: Partial<CommentDto> = {}): CommentDto {
  n++;
  return {
    id: `c${n}`, revisionId: 'r', parentId: null, author: { id: 'u', name: 'U', color: '#123456' }, body: `at ${atSec}`, atSec, endSec: null, trackId: null,
    resolved: false, resolvedBy: null, createdAt: new Date(1_700_000_000_000 + n * 1000).toISOString(), editedAt: null, deleted: false, ...extra,
  };
}

describe('threads', () => {
  it('orders roots by time and replies by creation, and keeps a deleted root only while it has replies', () => {
    const a = comment(30);
    const b = comment(10);
    const replyLate = comment(0, { parentId: a.id });
    const replyEarly = comment(0, { parentId: a.id, createdAt: new Date(1_600_000_000_000).toISOString() });
    const gone = comment(5, { deleted: true, body: '' });
    const orphan = comment(20, { parentId: 'missing' });
    const threads = buildThreads([a, b, replyLate, replyEarly, gone, orphan]);
    expect(threads.map((t) => t.root.id)).toEqual([b.id, orphan.id, a.id]);
    expect(threads[2].replies.map((r) => r.id)).toEqual([replyEarly.id, replyLate.id]);
  });
});

describe('marker layout', () => {
  it('places marks at their share of the length, ranges as wide as they last', () => {
    const threads = buildThreads([comment(20), comment(60, { endSec: 70, author: { id: 'v', name: 'V', color: '#abcdef' } })]);
    expect(layoutMarkers(threads, 80, { pointShare: 0.01 })).toEqual([
      { id: threads[0].root.id, left: 0.25, width: 0, row: 0, color: '#123456', resolved: false },
      { id: threads[1].root.id, left: 0.75, width: 0.125, row: 0, color: '#abcdef', resolved: false },
    ]);
  });

  it('puts marks that would touch on separate rows, and reuses a row once it is free', () => {
    const threads = buildThreads([comment(10, { endSec: 30 }), comment(12), comment(13), comment(14), comment(40)]);
    const rows = layoutMarkers(threads, 100, { pointShare: 0.02 }).map((m) => m.row);
    expect(rows).toEqual([0, 1, 2, 1, 0]);
  });

  it('clamps times past the end and skips deleted roots', () => {
    const threads = [{ root: comment(500), replies: [] }, { root: comment(1, { deleted: true }), replies: [comment(2)] }];
    const marks = layoutMarkers(threads, 100, { pointShare: 0.01 });
    expect(marks).toHaveLength(1);
    expect(marks[0].left).toBe(1);
  });
});
