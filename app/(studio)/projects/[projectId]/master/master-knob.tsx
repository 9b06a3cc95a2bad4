'use client';

import { Knob } from '../controls/knob';
import { bindControl } from '../mixer/bind-control';
import type { MasterTarget } from '../mixer/mix-target';
import { MASTER_SPECS, type MasterKnobParam } from './master-params';

export interface MasterKnobProps {
  target: MasterTarget;
  param: MasterKnobParam;
  value: number;
  /** Accessible name: "Master limiter ceiling". */
  label: string;
  caption: string;
  editable: boolean;
  /** The id of the sentence saying why the master is read-only. */
  describedBy?: string;
}

/** A knob of the master section's own parameters (the EQ and compressor use the strip's panels). */
export function MasterKnob({ target, param, value, label, caption, editable, describedBy }: MasterKnobProps) {
  return <Knob label={label} caption={caption} spec={MASTER_SPECS[param]} value={value} disabled={!editable} describedBy={describedBy} {...bindControl(target, param)} />;
}
