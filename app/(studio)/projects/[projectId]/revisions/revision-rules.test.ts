import { describe, expect, it } from 'vitest';
import { publishableKinds } from './revision-rules';

describe('revision rules', () => {
  it('let the lead publish both kinds, mastering only a master, and nobody else anything', () => {
    expect(publishableKinds('lead')).toEqual(['mix', 'master']);
    expect(publishableKinds('mastering')).toEqual(['master']);
    expect(publishableKinds('mixer')).toEqual([]);
    expect(publishableKinds('reviewer')).toEqual([]);
  });
});
