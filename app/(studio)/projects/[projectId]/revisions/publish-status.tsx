'use client';

import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { isPublishBusy, type PublishJob } from './publish-flow';
import { formatLoudness } from './revision-format';

/** The share of the whole publish done: stems a tenth, the render most, the upload the rest. */
export function publishShare(job: PublishJob): number {
  switch (job.step) {
    case 'fetching':
      return 0.02 + job.fraction * 0.08;
    case 'rendering':
      return 0.1 + job.fraction * 0.7;
    case 'uploading':
      return 0.8 + job.fraction * 0.15;
    case 'measuring':
      return 0.95;
    case 'ready':
      return 1;
    default:
      return 0;
  }
}

const STEP_TEXT: Partial<Record<PublishJob['step'], string>> = {
  publishing: 'Publishing…',
  fetching: 'Loading the stems…',
  rendering: 'Rendering…',
  uploading: 'Uploading…',
  measuring: 'The server is measuring it…',
};

function name(job: PublishJob): string {
  return job.revision ? `Revision ${job.revision.number}` : job.kind === 'mix' ? 'The mix' : 'The master';
}

/** Where the studio's publish stands, with Cancel while it runs and its outcome after. */
export function PublishStatus() {
  const { publish } = useStudio();
  const job = useStore(publish);
  if (job.step === 'idle') return null;
  const busy = isPublishBusy(job);
  const pct = Math.round(publishShare(job) * 100);

  if (busy) {
    return (
      <div className="publish-status" role="status" aria-label="Publish progress">
        <div className="publish-status__line">
          <strong>{name(job)}</strong>
          <span>{STEP_TEXT[job.step]}</span>
          <span className="publish-status__pct">{pct}%</span>
        </div>
        <progress className="publish-status__bar" aria-label="Publish progress" max={100} value={pct} />
        <Button size="sm" variant="secondary" onClick={() => publish.cancel()}>
          Cancel render
        </Button>
      </div>
    );
  }
  const tone = job.step === 'ready' ? 'ready' : job.step === 'failed' ? 'failed' : 'cancelled';
  return (
    <div className={`publish-status publish-status--${tone}`} role={job.step === 'failed' ? 'alert' : 'status'}>
      <div className="publish-status__line">
        {job.step === 'ready' && (
          <span>
            <strong>{name(job)}</strong> is ready{job.render ? `: ${formatLoudness(job.render.integratedLufs)}` : ''}.
          </span>
        )}
        {job.step === 'cancelled' && (
          <span>
            Render cancelled.{job.revision ? ` Revision ${job.revision.number} stays “rendering”: Render now completes it.` : ''}
          </span>
        )}
        {job.step === 'failed' && (
          <span>
            {job.revision ? `Revision ${job.revision.number} could not be rendered` : 'Could not publish'}: {job.error}
            {job.revision ? ' It stays “rendering”: Render now tries again.' : ''}
          </span>
        )}
      </div>
      <Button size="sm" variant="ghost" onClick={() => publish.dismiss()}>
        Dismiss
      </Button>
    </div>
  );
}
