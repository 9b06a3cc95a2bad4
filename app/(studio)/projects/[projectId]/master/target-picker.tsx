'use client';

import { memo } from 'react';
import { MASTERING_TARGETS, resolveTarget } from '../../../../../lib/audio/mastering-targets';
import { LOUDNESS_TARGET_LABELS, LOUDNESS_TARGETS, type LoudnessTarget, type MasterData } from '../../../../../lib/doc';
import { paramPathOf } from '../mixer/bind-control';
import type { MasterTarget } from '../mixer/mix-target';
import { MasterKnob } from './master-knob';

export interface TargetPickerProps {
  target: MasterTarget;
  master: Pick<MasterData, 'target' | 'customTarget'>;
  editable: boolean;
  describedBy?: string;
}

function optionText(id: LoudnessTarget): string {
  const label = LOUDNESS_TARGET_LABELS[id];
  if (id === 'none') return 'None (no normalisation)';
  if (id === 'custom') return 'Custom…';
  const t = MASTERING_TARGETS[id];
  const lufs = t.integratedLufs === null ? 'no normalisation' : `${t.integratedLufs} LUFS`;
  return `${label} (${lufs}, ${t.ceilingDbtp} dBTP)`;
}

/** The loudness target of the master (SPEC L16): a platform preset, none, or custom figures. */
export const TargetPicker = memo(function TargetPicker({ target, master, editable, describedBy }: TargetPickerProps) {
  const resolved = resolveTarget(master);
  return (
    <div className="target-picker">
      <label className="target-picker__label" htmlFor="master-target">
        Target
      </label>
      <select
        id="master-target"
        className="target-picker__select"
        value={master.target}
        disabled={!editable}
        aria-describedby={describedBy}
        data-param-path={paramPathOf(target, 'target')}
        onChange={(e) => target.set('target', e.target.value as LoudnessTarget)}
      >
        {Object.values(LOUDNESS_TARGETS).map((id) => (
          <option key={id} value={id}>
            {optionText(id)}
          </option>
        ))}
      </select>
      {master.target === 'custom' && (
        <div className="target-picker__custom">
          <MasterKnob
            target={target}
            param="customTarget.integratedLufs"
            value={master.customTarget.integratedLufs}
            label="Custom target loudness"
            caption="LUFS"
            editable={editable}
            describedBy={describedBy}
          />
          <MasterKnob
            target={target}
            param="customTarget.ceilingDbtp"
            value={master.customTarget.ceilingDbtp}
            label="Custom target ceiling"
            caption="dBTP"
            editable={editable}
            describedBy={describedBy}
          />
        </div>
      )}
      {resolved && resolved.sampleRate !== null && (
        <span className="target-picker__note">
          delivered at {resolved.sampleRate / 1000} kHz, {resolved.bitDepth}-bit
        </span>
      )}
    </div>
  );
});
