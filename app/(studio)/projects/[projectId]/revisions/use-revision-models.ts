'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { RevisionDto } from '../../../../../lib/api/dto';
import { queryKeys } from '../../../../../lib/api/query-keys';
import { useOwned } from '../common/use-owned';
import type { MixerModel } from '../mixer/mixer-model';
import { BlameModel } from './blame-model';
import { PublishFlow } from './publish-flow';
import { RevisionsClient } from './revisions-client';
import { renderRevisionInWorker } from './worker-renderer';

/**
 * The studio's revision models, made once per project: the publish flow (it lives with the studio,
 * not with the panel, so closing the panel does not stop a render) and blame, which follows the mix.
 */
export function useRevisionModels(projectId: string, model: MixerModel | null): { publish: PublishFlow | null; blame: BlameModel | null } {
  const queryClient = useQueryClient();
  const publish = useOwned(
    () =>
      new PublishFlow({
        projectId,
        client: new RevisionsClient(),
        render: renderRevisionInWorker,
        onRevisionChanged: (revision) => {
          // Shown at once (a ready revision must not still read "rendering" until the list is read again), then read again.
          if (revision) {
            queryClient.setQueryData<RevisionDto[]>(queryKeys.revisions(projectId), (list) =>
              list && (list.some((r) => r.id === revision.id) ? list.map((r) => (r.id === revision.id ? revision : r)) : [revision, ...list]),
            );
          }
          void queryClient.invalidateQueries({ queryKey: queryKeys.revisions(projectId) });
        },
      }),
    [projectId, queryClient],
  );
  const blame = useOwned(() => model && new BlameModel({ projectId, mix: model }), [projectId, model]);
  return { publish, blame };
}
