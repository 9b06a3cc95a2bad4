import { bind } from '../services/create-services';
import { createComment, deleteComment, listComments, updateComment } from './comments';
import { getUnread, markRead } from './read-marks';
import { decideReview, getReview, type ReviewContext } from './review';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, type WebhookContext } from './webhooks';

/** Comments, the review workflow and webhooks, bound to their context, for route handlers. */
export function createReviewService(ctx: ReviewContext & WebhookContext) {
  return bind(ctx, { listComments, createComment, updateComment, deleteComment, getReview, decideReview, getUnread, markRead, createWebhook, listWebhooks, deleteWebhook, listDeliveries });
}

export type ReviewService = ReturnType<typeof createReviewService>;
