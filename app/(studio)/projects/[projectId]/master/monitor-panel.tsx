'use client';

import { memo } from 'react';
import { MONITOR_DEFAULTS, type MonitorSettings } from '../../../../../lib/audio/monitor';
import { MASTERING_TARGETS } from '../../../../../lib/audio/mastering-targets';
import { TRANSLATION_CURVES, type TranslationDevice } from '../../../../../lib/dsp/translation-curves';
import { useStore } from '../common/use-store';
import type { Playback } from '../transport/playback';
import { type CodecPreview, PREVIEW_BITRATES, type PreviewBitrate } from './codec-preview';
import { platformTable, type MasterMeasurement } from './master-analysis';

interface SegmentedProps<T extends string> {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; text: string; title?: string }>;
  disabled?: boolean;
  onChange(value: T): void;
}

/** A row of radio buttons (aria radiogroup). */
function Segmented<T extends string>({ label, value, options, disabled, onChange }: SegmentedProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          className="segmented__btn"
          title={o.title}
          disabled={disabled}
          onClick={() => onChange(o.value)}
        >
          {o.text}
        </button>
      ))}
    </div>
  );
}

const CHANNELS: ReadonlyArray<{ value: MonitorSettings['channels']; text: string; title: string }> = [
  { value: 'stereo', text: 'Stereo', title: 'Left and right as they are' },
  { value: 'mono', text: 'Mono', title: '(L + R) / 2 on both speakers' },
  { value: 'side', text: 'Side', title: 'Only what differs between left and right' },
  { value: 'swap', text: 'L⇄R', title: 'Left and right swapped' },
];

const DEVICES: ReadonlyArray<{ value: TranslationDevice | 'off'; text: string; title: string }> = [
  { value: 'off', text: 'Off', title: 'Studio monitors: no translation check' },
  ...Object.values(TRANSLATION_CURVES).map((c) => ({ value: c.device, text: c.label, title: c.description })),
];

export interface MonitorPanelProps {
  playback: Playback | null;
  codec: CodecPreview | null;
  /** Prepares the codec preview of the live mix at a bit rate. */
  onPreview(bitrate: PreviewBitrate): void;
  /** The live mix changed since the codec preview was made. */
  codecStale: boolean;
  /** The last analysis of the master, for the platform preview's gains. */
  measurement: MasterMeasurement | null;
}

/**
 * Monitoring: changes only what this page hears (the worklet's monitor stage), never the document
 * or an export. A/B of master and mix at matched loudness, mono, side, swap, translation devices,
 * and a platform's playback gain.
 */
export const MonitorPanel = memo(function MonitorPanel({ playback, measurement, codec, onPreview, codecStale }: MonitorPanelProps) {
  const monitor = useStore(playback, (s) => s.monitor);
  const preview = useStore(codec);
  const disabled = !playback || !monitor;
  const set = (patch: Partial<MonitorSettings>) => playback?.setMonitor(patch);
  const current: MonitorSettings = monitor ?? MONITOR_DEFAULTS;
  const rows = measurement ? platformTable(measurement) : [];
  const previewed = rows.find((r) => Math.abs(r.playbackGainDb - current.previewGainDb) < 1e-9 && current.previewGainDb !== 0);
  return (
    <div className="master-panel monitor">
      <div className="master-panel__head">
        <h3 className="master-panel__title">Monitor</h3>
        <span className="master-panel__note">changes what you hear, never the master</span>
      </div>
      <div className="monitor__row">
        <span className="monitor__label">A/B</span>
        <Segmented
          label="Listen to"
          value={current.source}
          disabled={disabled}
          options={[
            { value: 'master', text: 'Master', title: 'The master as it will be rendered' },
            { value: 'mix', text: 'Mix', title: 'The mix before the master section, at the same position' },
            ...(current.source === 'reference' ? [{ value: 'reference' as const, text: 'Reference', title: 'The reference track, matched to the master' }] : []),
            ...(preview?.status === 'ready' ? [{ value: 'codec' as const, text: `MP3 ${preview.bitrate}`, title: 'The master through the MP3 encoder and back (the preview region)' }] : []),
          ]}
          onChange={(source) => set({ source })}
        />
        <label className="monitor__check" title="Play master and mix at the same integrated loudness (the louder one is turned down)">
          <input type="checkbox" checked={current.matchLoudness} disabled={disabled} onChange={(e) => set({ matchLoudness: e.target.checked })} />
          Match loudness
        </label>
      </div>
      <div className="monitor__row">
        <span className="monitor__label">Channels</span>
        <Segmented label="Monitor channels" value={current.channels} disabled={disabled} options={CHANNELS} onChange={(channels) => set({ channels })} />
      </div>
      <div className="monitor__row">
        <span className="monitor__label">Device</span>
        <Segmented
          label="Translation check"
          value={current.device ?? 'off'}
          disabled={disabled}
          options={DEVICES}
          onChange={(device) => set({ device: device === 'off' ? null : device })}
        />
      </div>
      <div className="monitor__row">
        <span className="monitor__label">Codec</span>
        <div className="segmented" role="group" aria-label="Codec preview">
          {PREVIEW_BITRATES.map((kbps) => (
            <button
              key={kbps}
              type="button"
              className="segmented__btn"
              disabled={disabled || !codec || preview?.status === 'preparing'}
              title={`The loop region (or ${20} s from the playhead) through MP3 at ${kbps} kbps and back`}
              onClick={() => onPreview(kbps)}
            >
              {`MP3 ${kbps}`}
            </button>
          ))}
        </div>
        {preview && preview.status !== 'idle' && (
          <span className="monitor__codec" role="status" data-state={preview.status}>
            {preview.status === 'ready' && preview.region
              ? `${preview.region.startSec.toFixed(1)}–${preview.region.endSec.toFixed(1)} s, true peak ${preview.truePeakDbtp?.toFixed(1) ?? '–'} dBTP${codecStale ? ' · the mix changed since' : ''}`
              : preview.message}
          </span>
        )}
      </div>
      <div className="monitor__row">
        <label className="monitor__label" htmlFor="monitor-platform">
          Platform
        </label>
        <select
          id="monitor-platform"
          className="monitor__select"
          aria-label="Platform preview"
          disabled={disabled || rows.length === 0}
          title={rows.length === 0 ? 'Analyse the master first: the preview plays it at each platform’s playback gain' : undefined}
          value={previewed?.target ?? 'off'}
          onChange={(e) => {
            const row = rows.find((r) => r.target === e.target.value);
            set({ previewGainDb: row ? row.playbackGainDb : 0 });
          }}
        >
          <option value="off">Off (as delivered)</option>
          {rows.map((r) => (
            <option key={r.target} value={r.target} disabled={r.playbackGainDb === 0}>
              {`${MASTERING_TARGETS[r.target as keyof typeof MASTERING_TARGETS]?.label ?? r.label}: ${r.playbackGainDb.toFixed(1)} dB`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
});
