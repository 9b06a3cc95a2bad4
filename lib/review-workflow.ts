import type { RevisionKind } from './api/dto';
import type { Role } from './roles';

/**
 * The review workflow, written once: the server's `decideReview` enforces it, the browser reads it
 * to offer each person the decisions they may take (`decisionsFor`) and to word them.
 */

/** Where a project stands (DESIGN "Review"). */
export const REVIEW_STATES = {
  mixing: 'mixing',
  mix_review: 'mix_review',
  mastering: 'mastering',
  master_review: 'master_review',
  approved: 'approved',
} as const;
export type ReviewState = (typeof REVIEW_STATES)[keyof typeof REVIEW_STATES];

export const REVIEW_ACTIONS = {
  submit_mix: 'submit_mix',
  approve_mix: 'approve_mix',
  send_back: 'send_back',
  submit_master: 'submit_master',
  approve_master: 'approve_master',
  reopen: 'reopen',
} as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[keyof typeof REVIEW_ACTIONS];

interface Rule {
  /** Who decides. */
  roles: readonly Role[];
  from: readonly ReviewState[];
  to: ReviewState;
  /** The kind of revision the decision is about; null when it takes none of its own. */
  revision: RevisionKind | null;
  /** A note is required (a send-back says why). */
  note: boolean;
  /** What to do instead, when the project is elsewhere. */
  hint: string;
}

/**
 * The workflow: only the lead submits and approves the mix; the mastering engineer (or the lead)
 * submits and approves the master, or sends the mix back with a note; reviewers never decide.
 */
export const REVIEW_RULES: Readonly<Record<ReviewAction, Rule>> = {
  submit_mix: { roles: ['lead'], from: ['mixing', 'mix_review'], to: 'mix_review', revision: 'mix', note: false, hint: 'a mix is submitted while mixing' },
  approve_mix: { roles: ['lead'], from: ['mix_review'], to: 'mastering', revision: null, note: false, hint: 'a mix is approved once it is submitted for review' },
  send_back: { roles: ['lead', 'mastering'], from: ['mastering', 'master_review'], to: 'mixing', revision: null, note: true, hint: 'a mix is sent back from mastering' },
  submit_master: { roles: ['lead', 'mastering'], from: ['mastering', 'master_review'], to: 'master_review', revision: 'master', note: false, hint: 'a master is submitted while mastering' },
  approve_master: { roles: ['lead', 'mastering'], from: ['master_review'], to: 'approved', revision: null, note: false, hint: 'a master is approved once it is submitted for review' },
  reopen: { roles: ['lead'], from: ['approved'], to: 'mixing', revision: null, note: false, hint: 'only an approved project is reopened' },
};

export type TransitionResult = { ok: true; to: ReviewState } | { ok: false; status: 403 | 409 | 400; reason: string };

const LABELS: Record<ReviewState, string> = { mixing: 'mixing', mix_review: 'mix review', mastering: 'mastering', master_review: 'master review', approved: 'approved' };

/** Whether `role` may take `action` from `state` (403 forbidden, 409 not from here, 400 a note is missing). */
export function transition(state: ReviewState, action: ReviewAction, role: Role, note: string): TransitionResult {
  const rule = REVIEW_RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, status: 403, reason: `a ${role} may not ${action.replace('_', ' ')}` };
  if (!rule.from.includes(state)) return { ok: false, status: 409, reason: `the project is in ${LABELS[state]}: ${rule.hint}` };
  if (rule.note && note.trim() === '') return { ok: false, status: 400, reason: 'a note saying why is required' };
  return { ok: true, to: rule.to };
}

export function stateLabel(state: ReviewState): string {
  return LABELS[state];
}

/** The states in the order a project passes them, for a progress line. */
export const REVIEW_STATE_ORDER: readonly ReviewState[] = ['mixing', 'mix_review', 'mastering', 'master_review', 'approved'];

/** The decisions `role` may take while the project is in `state`, in the table's order. */
export function decisionsFor(state: ReviewState, role: Role): ReviewAction[] {
  return (Object.keys(REVIEW_RULES) as ReviewAction[]).filter((action) => REVIEW_RULES[action].roles.includes(role) && REVIEW_RULES[action].from.includes(state));
}

/** Whether `role` takes any decision at all, in any state (reviewers never do). */
export function decidesAnything(role: Role): boolean {
  return Object.values(REVIEW_RULES).some((rule) => rule.roles.includes(role));
}

/** A decision as its button says it, and as a history line says it was taken. */
export const DECISION_TEXT: Readonly<Record<ReviewAction, { button: string; done: string }>> = {
  submit_mix: { button: 'Submit mix for review', done: 'submitted the mix for review' },
  approve_mix: { button: 'Approve mix', done: 'approved the mix' },
  send_back: { button: 'Send back…', done: 'sent the mix back' },
  submit_master: { button: 'Submit master for review', done: 'submitted the master for review' },
  approve_master: { button: 'Approve master', done: 'approved the master' },
  reopen: { button: 'Reopen', done: 'reopened the project' },
};

export function isReviewAction(value: string): value is ReviewAction {
  return Object.hasOwn(REVIEW_RULES, value);
}
