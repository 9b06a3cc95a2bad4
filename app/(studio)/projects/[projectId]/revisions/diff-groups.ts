import { type DiffGroup, formatValue, type MixChange } from '../../../../../lib/doc';
import { displayText } from '../../../../../lib/names';

export interface ShownChange {
  path: string;
  /** "fader", "EQ band 2 gain", "track added". */
  label: string;
  /** "-6.0 → -12.0 dB", or null for a change that is only its label ("track added"). */
  values: string | null;
}

export interface ChangeGroup {
  /** `track:<id>`, `bus:<id>`, `master`, `project`. */
  key: string;
  group: DiffGroup;
  /** "Bass", "Reverb bus", "Master", "Project": without bidirectional controls. */
  heading: string;
  changes: ShownChange[];
}

const shown = (value: unknown) => (typeof value === 'string' ? displayText(value) : value);

/** One change's values as the server's text words them ("-3.0 → -4.5 dB"), from its structured fields. */
export function changeValues(change: MixChange): string | null {
  if (change.from === null && change.to === null) return null;
  const unit = change.unit && change.unit !== ':1' ? ` ${change.unit}` : '';
  return `${formatValue(shown(change.from), change.unit, change.label)} → ${formatValue(shown(change.to), change.unit, change.label)}${unit}`;
}

/**
 * A diff's changes by what they are about, in the server's order (tracks in mixer order, then
 * buses, the master and the project): one group per track or bus, one for the master, one for the project.
 */
export function groupChanges(changes: readonly MixChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const key = change.id === null ? change.group : `${change.group}:${change.id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, group: change.group, heading: displayText(change.target), changes: [] };
      groups.set(key, group);
    }
    group.changes.push({ path: change.path, label: displayText(change.label), values: changeValues(change) });
  }
  return [...groups.values()];
}
