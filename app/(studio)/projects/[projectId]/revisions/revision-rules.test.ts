import { describe, expect, it } from 'vitest';
import { ROLE_LIST } from '../../../../../lib/roles';
import { can } from '../../../../../server/access/project-access';
import { mayRevision, publishableKinds, REVISION_ACTIONS, type RevisionAction } from './revision-rules';

describe('revision rules', () => {
  it('are the server\'s rules for every role and action', () => {
    for (const action of Object.keys(REVISION_ACTIONS) as RevisionAction[]) {
      for (const role of ROLE_LIST) expect(mayRevision(role, action), `${role} ${action}`).toBe(can(role, action));
    }
  });

  it('let the lead publish both kinds, mastering only a master, and nobody else anything', () => {
    expect(publishableKinds('lead')).toEqual(['mix', 'master']);
    expect(publishableKinds('mastering')).toEqual(['master']);
    expect(publishableKinds('mixer')).toEqual([]);
    expect(publishableKinds('reviewer')).toEqual([]);
  });
});
