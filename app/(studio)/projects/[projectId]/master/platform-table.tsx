'use client';

import { memo } from 'react';
import { Button } from '../../../../_components/button';
import type { MasterAnalysisState } from './master-analysis';
import { platformTable } from './master-analysis';

export interface PlatformTableProps {
  analysis: MasterAnalysisState;
  /** The live mix differs from the one analysed. */
  stale: boolean;
  onAnalyse(): void;
}

const signed = (db: number) => `${db > 0 ? '+' : db < 0 ? '−' : '±'}${Math.abs(db).toFixed(1)}`;

/** What each platform will do to this master on playback, from the last full analysis. */
export const PlatformTable = memo(function PlatformTable({ analysis, stale, onAnalyse }: PlatformTableProps) {
  const { last, running, progress, error } = analysis;
  const pct = progress ? Math.round((progress.phase === 'fetching' ? progress.fraction * 0.1 : 0.1 + progress.fraction * 0.9) * 100) : 0;
  return (
    <div className="master-panel platforms">
      <div className="master-panel__head">
        <h3 className="master-panel__title">Platforms</h3>
        <span className="master-panel__note" role="status">
          {running
            ? `Analysing… ${pct}%`
            : last
              ? `${last.integratedLufs.toFixed(1)} LUFS, ${last.truePeakDbtp.toFixed(1)} dBTP${stale ? ' · the mix changed since' : ''}`
              : 'not analysed yet'}
        </span>
        <Button size="sm" className="master-panel__action" busy={running} onClick={onAnalyse} title="Render the master in the background and measure it">
          Analyse
        </Button>
      </div>
      {error && (
        <p className="platforms__error" role="alert">
          The analysis failed: {error}
        </p>
      )}
      {last && (
        <table className="platforms__table" aria-label="What each platform does to this master">
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col">Playback gain</th>
              <th scope="col">Ceiling</th>
            </tr>
          </thead>
          <tbody>
            {platformTable(last).map((row) => (
              <tr key={row.target} data-target={row.target}>
                <th scope="row">{row.label}</th>
                <td>{`${signed(row.playbackGainDb)} dB`}</td>
                <td data-held={row.ceilingHeld}>{row.ceilingHeld ? 'holds' : 'over'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
});
