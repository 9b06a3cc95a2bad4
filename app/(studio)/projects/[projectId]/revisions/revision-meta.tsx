import type { RevisionDto } from '../../../../../lib/api/dto';
import { displayText } from '../../../../../lib/names';
import { formatDuration, relativeTime } from './relative-time';
import { formatLoudness, mainRender } from './revision-format';

/** Who published a revision, how long ago, and its main render's loudness, length and true peak. */
export function RevisionMeta({ revision, now }: { revision: RevisionDto; now: number }) {
  const author = revision.author ? displayText(revision.author.name) : 'a former member';
  const render = mainRender(revision);
  return (
    <p className="revision__meta">
      <span>{author}</span>
      <span>
        <time dateTime={revision.createdAt} title={new Date(revision.createdAt).toLocaleString('en-GB')}>
          {relativeTime(revision.createdAt, now)}
        </time>
      </span>
      {render && <span className="revision__loudness">{formatLoudness(render.integratedLufs)}</span>}
      {render && <span>{formatDuration(render.durationSec)}</span>}
      {render && <span>{render.truePeakDbtp.toFixed(1)} dBTP</span>}
    </p>
  );
}
