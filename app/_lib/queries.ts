'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddMemberRequest,
  CreateInviteRequest,
  CreateTokenRequest,
  InviteDto,
  InvitePreviewDto,
  MemberDto,
  ProjectDto,
  StemDto,
  TokenDto,
} from '../../lib/api/dto';
import { queryKeys } from '../../lib/api/query-keys';
import type { WebhookDeliveryDto, WebhookDto } from '../../server/review/webhooks';
import type { Role } from '../../lib/roles';
import { api } from './api';
import { postFile } from './upload-request';
import { displayText } from '../../lib/names';

/**
 * The REST API as React Query hooks: one place for the URLs, the cache keys and what each change
 * invalidates. Components call these and render; they hold no other data logic.
 */

const enc = encodeURIComponent;
const projectUrl = (id: string) => `/api/projects/${enc(id)}`;

// ---- projects ----

/** Names as they are shown: without bidirectional controls (lib/names). */
const shownName = <T extends { name: string }>(item: T): T => ({ ...item, name: displayText(item.name) });

export function useProjects() {
  return useQuery({
    queryKey: queryKeys.projects,
    queryFn: ({ signal }) => api<{ projects: ProjectDto[] }>('/api/projects', { signal }).then((r) => r.projects.map(shownName)),
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: queryKeys.project(projectId),
    queryFn: ({ signal }) => api<{ project: ProjectDto }>(projectUrl(projectId), { signal }).then((r) => shownName(r.project)),
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<{ project: ProjectDto }>('/api/projects', { method: 'POST', body: { name } }).then((r) => r.project),
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(project.id), project);
      return queryClient.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}

/**
 * A mastering-only project made from one stereo mix, in one request (`POST /api/mastering-projects`):
 * it exists with its mix or not at all.
 */
export function useCreateMasteringProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, mix, onProgress }: { name: string; mix: File; onProgress: (fraction: number) => void }) =>
      postFile<{ project: ProjectDto }>('/api/mastering-projects', mix, { 'X-Project-Name': encodeURIComponent(name), 'X-Filename': encodeURIComponent(mix.name) }, onProgress).then(
        (r) => r.project,
      ),
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(project.id), project);
      return queryClient.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}

export function useRenameProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<{ project: ProjectDto }>(projectUrl(projectId), { method: 'PATCH', body: { name } }).then((r) => r.project),
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(projectId), project);
      return queryClient.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}

/**
 * After a delete or leave the project is no longer ours to see. Its cached data is marked stale
 * without refetching (the page showing it is about to navigate away, and a refetch would flash a 404).
 */
function forgetProject(queryClient: ReturnType<typeof useQueryClient>, projectId: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId), refetchType: 'none' });
  return queryClient.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
}

export function useDeleteProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(projectUrl(projectId), { method: 'DELETE' }),
    onSuccess: () => forgetProject(queryClient, projectId),
  });
}

// ---- members ----

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: queryKeys.members(projectId),
    queryFn: ({ signal }) =>
      api<{ members: MemberDto[] }>(`${projectUrl(projectId)}/members`, { signal }).then((r) => r.members.map(shownName)),
  });
}

export function useAddMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberRequest) => api<unknown>(`${projectUrl(projectId)}/members`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(projectId) }),
  });
}

export function useUpdateMemberRole(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api<unknown>(`${projectUrl(projectId)}/members/${enc(userId)}`, { method: 'PATCH', body: { role } }),
    // Our own role may have changed too (a lead handing over).
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
  });
}

export function useRemoveMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>(`${projectUrl(projectId)}/members/${enc(userId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(projectId) }),
  });
}

/** Leaving is removing yourself; afterwards the project is gone from your list. */
export function useLeaveProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ownUserId: string) =>
      api<void>(`${projectUrl(projectId)}/members/${enc(ownUserId)}`, { method: 'DELETE' }),
    onSuccess: () => forgetProject(queryClient, projectId),
  });
}

// ---- invites ----

export function useInvites(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.invites(projectId),
    queryFn: ({ signal }) =>
      api<{ invites: InviteDto[] }>(`${projectUrl(projectId)}/invites`, { signal }).then((r) => r.invites),
    enabled,
  });
}

export function useCreateInvite(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInviteRequest) =>
      api<{ url: string; invite: InviteDto }>(`${projectUrl(projectId)}/invites`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invites(projectId) }),
  });
}

export function useRevokeInvite(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inviteId: string) =>
      api<void>(`${projectUrl(projectId)}/invites/${enc(inviteId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invites(projectId) }),
  });
}

export function useInvitePreview(token: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.invite(token),
    queryFn: ({ signal }) =>
      api<{ invite: InvitePreviewDto }>(`/api/invites/${enc(token)}`, { signal }).then((r) => ({ ...r.invite, projectName: displayText(r.invite.projectName) })),
    enabled,
    retry: false,
  });
}

export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ project: ProjectDto }>(`/api/invites/${enc(token)}/accept`, { method: 'POST' }).then((r) => r.project),
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(project.id), project);
      queryClient.removeQueries({ queryKey: queryKeys.invite(token) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}

// ---- API tokens ----

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => api<{ tokens: TokenDto[] }>('/api/tokens', { signal }).then((r) => r.tokens.map(shownName)),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenRequest) =>
      api<{ token: string; apiToken: TokenDto }>('/api/tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api<void>(`/api/tokens/${enc(tokenId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

// ---- stems ----

/** A stem as `/api/stems/:id/analysis` describes it (server/stems/stems.ts `StemDto`). */
/** The stem's analysis (server/ingest/ingest-options.ts `StemAnalysis`), the fields the UI shows. */
export interface StemAnalysisInfo {
  samplePeakDbfs: number;
  truePeakDbtp: number;
  /** Null when no block passes the loudness gates (silence, or too short). */
  integratedLufs: number | null;
  dcOffset: number[];
  clippedSamples: number;
  durationSec: number;
}

/** The raw `peaks.json`; parse with `parseWaveformPeaks`. A stem never changes, so neither do its peaks. */
export function useStemPeaksJson(stemId: string | null) {
  return useQuery({
    queryKey: queryKeys.stemPeaks(stemId ?? ''),
    queryFn: ({ signal }) => api<unknown>(`/api/stems/${enc(stemId!)}/peaks`, { signal }),
    enabled: Boolean(stemId),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}

export function useStemAnalysis(stemId: string | null, enabled = true) {
  return useQuery({
    queryKey: queryKeys.stemAnalysis(stemId ?? ''),
    queryFn: ({ signal }) =>
      api<{ stem: StemDto; analysis: StemAnalysisInfo | null }>(`/api/stems/${enc(stemId!)}/analysis`, { signal }),
    enabled: Boolean(stemId) && enabled,
    staleTime: Infinity,
  });
}

// ---- webhooks (the lead) ----

/** The delivery log of an open webhook is read again this often. @default 5 s */
export const DELIVERIES_POLL_MS = 5_000;

export function useWebhooks(projectId: string) {
  return useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: ({ signal }) => api<{ webhooks: WebhookDto[] }>(`${projectUrl(projectId)}/webhooks`, { signal }).then((r) => r.webhooks),
  });
}

/** Adds a webhook; the answer carries its secret, shown once. */
export function useCreateWebhook(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; secret?: string }) =>
      api<{ webhook: WebhookDto & { secret: string } }>(`${projectUrl(projectId)}/webhooks`, { method: 'POST', body }).then((r) => r.webhook),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId), exact: true }),
  });
}

export function useDeleteWebhook(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (hookId: string) => api<void>(`${projectUrl(projectId)}/webhooks/${enc(hookId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(projectId), exact: true }),
  });
}

export function useWebhookDeliveries(projectId: string, hookId: string) {
  return useQuery({
    queryKey: queryKeys.webhookDeliveries(projectId, hookId),
    queryFn: ({ signal }) => api<{ deliveries: WebhookDeliveryDto[] }>(`${projectUrl(projectId)}/webhooks/${enc(hookId)}/deliveries`, { signal }).then((r) => r.deliveries),
    refetchInterval: DELIVERIES_POLL_MS,
  });
}
