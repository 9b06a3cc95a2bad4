/** React Query keys, in one place so that invalidations match what was cached. */
export const queryKeys = {
  session: ['session'] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['projects', id] as const,
  members: (projectId: string) => ['projects', projectId, 'members'] as const,
  invites: (projectId: string) => ['projects', projectId, 'invites'] as const,
  invite: (token: string) => ['invites', token] as const,
  tokens: ['tokens'] as const,
  stemPeaks: (stemId: string) => ['stems', stemId, 'peaks'] as const,
  stemAnalysis: (stemId: string) => ['stems', stemId, 'analysis'] as const,
  revisions: (projectId: string) => ['projects', projectId, 'revisions'] as const,
  revisionPeaks: (revisionId: string, kind: string) => ['revisions', revisionId, 'peaks', kind] as const,
  /** `to` is a revision id or `live`; `liveVersion` tells the states of the live document apart. */
  revisionDiff: (from: string, to: string, liveVersion: number) => ['revisions', from, 'diff', to, liveVersion] as const,
  activity: (projectId: string) => ['projects', projectId, 'activity'] as const,
  revision: (revisionId: string) => ['revisions', revisionId] as const,
  comments: (revisionId: string) => ['revisions', revisionId, 'comments'] as const,
  review: (projectId: string) => ['projects', projectId, 'review'] as const,
  unread: (projectId: string) => ['projects', projectId, 'unread'] as const,
  webhooks: (projectId: string) => ['projects', projectId, 'webhooks'] as const,
  webhookDeliveries: (projectId: string, hookId: string) => ['projects', projectId, 'webhooks', hookId, 'deliveries'] as const,
};
