'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ProjectDto } from '../../../../../../lib/api/dto';
import { ConfirmAction } from '../../../../../_components/confirm-action';
import { Notice } from '../../../../../_components/notice';
import { Panel } from '../../../../../_components/panel';
import { errorMessage } from '../../../../../_lib/form';
import { useLeaveProject } from '../../../../../_lib/queries';

export function LeaveProjectPanel({ project, currentUserId }: { project: ProjectDto; currentUserId: string }) {
  const router = useRouter();
  const leave = useLeaveProject(project.id);
  const [error, setError] = useState<string>();

  return (
    <Panel
      title="Leave project"
      description={
        project.role === 'lead'
          ? 'A project always keeps a lead: if you are the only one, make someone else lead first.'
          : 'You lose access until someone adds or invites you again.'
      }
    >
      {error && <Notice tone="error">{error}</Notice>}
      <ConfirmAction
        label="Leave project"
        message={
          <>
            Leave <strong>{project.name}</strong>? You will no longer see it.
          </>
        }
        busy={leave.isPending || leave.isSuccess}
        onConfirm={() => {
          setError(undefined);
          leave.mutate(currentUserId, {
            onSuccess: () => router.replace('/'),
            onError: (err) => setError(errorMessage(err)),
          });
        }}
      />
    </Panel>
  );
}
