'use client';

import { MASTER_OUTPUT, type MixSnapshot } from '../../../../../lib/doc';
import { Select } from '../../../../_components/select-field';
import { paramPathOf } from '../mixer/bind-control';
import type { TrackTarget } from '../mixer/mix-target';

export interface OutputPickerProps {
  target: TrackTarget;
  name: string;
  output: string;
  buses: MixSnapshot['buses'];
  disabled: boolean;
}

/**
 * Where the track's output goes: the master or a group bus (SPEC L6). Effect returns are fed by
 * sends; a track already routed to one (set elsewhere) keeps it listed.
 */
export function OutputPicker({ target, name, output, buses, disabled }: OutputPickerProps) {
  const options = [
    { value: MASTER_OUTPUT, label: 'Master' },
    ...buses.filter((b) => b.kind === 'group' || b.id === output).map((b) => ({ value: b.id, label: b.name })),
  ];
  return (
    <label className="strip__output" title={output === MASTER_OUTPUT ? 'Output: the master' : `Output: ${options.find((o) => o.value === output)?.label ?? output} bus`}>
      <span className="strip__output-label" aria-hidden="true">
        Out
      </span>
      <Select
        size="sm"
        className="strip__output-select"
        aria-label={`${name} output`}
        value={output}
        options={options}
        disabled={disabled}
        data-param-path={paramPathOf(target, 'output')}
        onChange={(v) => target.set('output', v)}
      />
    </label>
  );
}
