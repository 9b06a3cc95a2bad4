import { describe, expect, it } from 'vitest';
import { adjacentComment } from './comment-navigation';

const at = (...times: number[]) => times.map((atSec, i) => ({ id: `c${i}`, atSec }));

describe('next and previous comment', () => {
  const comments = at(42, 10, 80, 10);

  it('J goes to the first comment after the playhead, whatever the list order', () => {
    expect(adjacentComment(comments, 0, 1)?.atSec).toBe(10);
    expect(adjacentComment(comments, 10, 1)?.atSec).toBe(42);
    expect(adjacentComment(comments, 50, 1)?.atSec).toBe(80);
  });

  it('K goes to the last comment before the playhead', () => {
    expect(adjacentComment(comments, 80, -1)?.atSec).toBe(42);
    expect(adjacentComment(comments, 42.01, -1)?.atSec).toBe(10);
  });

  it('passes the comment the playhead is on, and stops at the ends', () => {
    expect(adjacentComment(comments, 42.02, 1)?.atSec).toBe(80);
    expect(adjacentComment(comments, 80, 1)).toBeNull();
    expect(adjacentComment(comments, 10, -1)).toBeNull();
    expect(adjacentComment([], 3, 1)).toBeNull();
  });
});
