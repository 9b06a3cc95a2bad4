import { describe, expect, it } from 'vitest';
import { ROLE_LIST } from './roles';
import { decidesAnything, decisionsFor, REVIEW_ACTIONS, REVIEW_RULES, REVIEW_STATES, transition, type ReviewAction, type ReviewState } from './review-workflow';

const STATES = Object.values(REVIEW_STATES);
const ACTIONS = Object.values(REVIEW_ACTIONS);

describe('the review workflow', () => {
  it('walks mixing -> mix review -> mastering -> master review -> approved, and a send-back returns to mixing', () => {
    const path: Array<[ReviewState, ReviewAction, 'lead' | 'mastering', ReviewState]> = [
      ['mixing', 'submit_mix', 'lead', 'mix_review'],
      ['mix_review', 'approve_mix', 'lead', 'mastering'],
      ['mastering', 'submit_master', 'mastering', 'master_review'],
      ['master_review', 'approve_master', 'mastering', 'approved'],
      ['approved', 'reopen', 'lead', 'mixing'],
      ['master_review', 'send_back', 'mastering', 'mixing'],
    ];
    for (const [from, action, role, to] of path) expect(transition(from, action, role, 'why')).toEqual({ ok: true, to });
  });

  it('reviewers never decide, mixers neither, and only the lead handles the mix (every action, every state)', () => {
    for (const state of STATES) {
      for (const action of ACTIONS) {
        expect(transition(state, action, 'reviewer', 'n')).toMatchObject({ ok: false, status: 403 });
        expect(transition(state, action, 'mixer', 'n')).toMatchObject({ ok: false, status: 403 });
      }
      for (const action of ['submit_mix', 'approve_mix', 'reopen'] as const) expect(transition(state, action, 'mastering', 'n')).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses every transition from a state it does not leave with 409 and the reason, for every role allowed', () => {
    let illegal = 0;
    for (const state of STATES) {
      for (const action of ACTIONS) {
        const rule = REVIEW_RULES[action];
        if (rule.from.includes(state)) continue;
        for (const role of ROLE_LIST.filter((r) => rule.roles.includes(r))) {
          const result = transition(state, action, role, 'n');
          expect(result).toMatchObject({ ok: false, status: 409, reason: expect.stringMatching(/^the project is in /) });
          illegal++;
        }
      }
    }
    expect(illegal).toBeGreaterThan(20);
  });

  it('a send-back needs a note', () => {
    expect(transition('mastering', 'send_back', 'mastering', '  ')).toEqual({ ok: false, status: 400, reason: 'a note saying why is required' });
  });
});

describe('decisionsFor', () => {
  it('offers each role exactly the decisions transition() accepts from each state (a note given)', () => {
    for (const state of STATES) {
      for (const role of ROLE_LIST) {
        const offered = decisionsFor(state, role);
        const accepted = ACTIONS.filter((a) => transition(state, a, role, 'why').ok);
        expect(offered).toEqual(accepted);
      }
    }
  });

  it('offers reviewers and mixers nothing, ever', () => {
    expect(decidesAnything('reviewer')).toBe(false);
    expect(decidesAnything('mixer')).toBe(false);
    expect(decidesAnything('mastering')).toBe(true);
    expect(decisionsFor('mastering', 'mastering')).toEqual(['send_back', 'submit_master']);
  });
});
