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
};
