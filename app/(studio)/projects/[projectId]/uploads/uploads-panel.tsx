'use client';

import { Button } from '../../../../_components/button';
import { isUploadActive, isUploadCancellable, type UploadItem, UPLOAD_STATES } from './upload-queue';

export interface UploadsPanelProps {
  uploads: readonly UploadItem[];
  /** Track names, for "replaces Bass". */
  trackNames: ReadonlyMap<string, string>;
  onCancel(id: string): void;
  onClearFinished(): void;
}

export function uploadStateText(item: UploadItem): string {
  switch (item.state) {
    case UPLOAD_STATES.queued:
      return 'Queued';
    case UPLOAD_STATES.uploading:
      return `Uploading ${item.percent}%`;
    case UPLOAD_STATES.processing:
      return 'Processing…';
    case UPLOAD_STATES.done:
      return 'Done';
    case UPLOAD_STATES.cancelled:
      return 'Cancelled';
    case UPLOAD_STATES.failed:
      return item.error ?? 'Failed';
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** One row per file: name, progress bar, state (or the server's reason), and Cancel while it can be. */
export function UploadsPanel({ uploads, trackNames, onCancel, onClearFinished }: UploadsPanelProps) {
  const count = (state: UploadItem['state']) => uploads.filter((u) => u.state === state).length;
  const active = uploads.filter(isUploadActive).length;
  const queued = count(UPLOAD_STATES.queued);
  const done = count(UPLOAD_STATES.done);
  const failed = count(UPLOAD_STATES.failed);
  const summary = [
    active - queued > 0 && `${active - queued} sending`,
    queued > 0 && `${queued} queued`,
    done > 0 && `${done} done`,
    failed > 0 && `${failed} failed`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <aside className="uploads" aria-label="Uploads">
      <div className="uploads__head">
        <h3 className="uploads__title">Uploads</h3>
        <span className="uploads__summary" role="status">
          {summary}
        </span>
        {active < uploads.length && (
          <Button size="sm" variant="ghost" className="uploads__clear" aria-label="Clear finished uploads" onClick={onClearFinished}>
            Clear
          </Button>
        )}
      </div>
      <ul className="uploads__list">
        {uploads.map((item) => {
          const text = uploadStateText(item);
          const replaces = item.trackId ? trackNames.get(item.trackId) : undefined;
          return (
            <li key={item.id} className={`upload upload--${item.state}`}>
              <div className="upload__top">
                <span className="upload__name" title={item.fileName}>
                  {item.fileName}
                </span>
                <span className="upload__size">{size(item.sizeBytes)}</span>
                {isUploadCancellable(item) && (
                  <Button size="sm" variant="ghost" className="upload__cancel" aria-label={`Cancel ${item.fileName}`} onClick={() => onCancel(item.id)}>
                    Cancel
                  </Button>
                )}
              </div>
              <div
                className="upload__bar"
                role="progressbar"
                aria-label={`Upload ${item.fileName}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={item.percent}
                aria-valuetext={text}
              >
                <span className="upload__fill" style={{ width: `${item.percent}%` }} />
              </div>
              <div className="upload__state">
                {text}
                {replaces && item.state !== UPLOAD_STATES.failed ? <span className="upload__replaces"> · replaces {replaces}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
