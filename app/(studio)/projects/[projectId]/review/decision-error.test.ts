import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../_lib/api';
import { decisionError } from './decision-error';

describe('decisionError', () => {
  it('says a 409 is about the moment and a 403 about the person, with the server reason', () => {
    expect(decisionError(new ApiError(409, 'conflict', 'the project is in mixing: a mix is approved once it is submitted for review'))).toBe(
      'Not possible now: The project is in mixing: a mix is approved once it is submitted for review',
    );
    expect(decisionError(new ApiError(403, 'forbidden', 'a reviewer may not approve mix'))).toBe('Not allowed: A reviewer may not approve mix');
    expect(decisionError(new ApiError(400, 'invalid_input', 'a note saying why is required'))).toBe('A note saying why is required');
    expect(decisionError(new Error('offline'))).toBe('Offline');
  });
});
