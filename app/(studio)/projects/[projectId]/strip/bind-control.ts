import type { ContinuousControl, MixerModel } from '../mixer/mixer-model';

/** The three callbacks of a knob or fader for one strip control: gesture values, gesture end, one-off set. */
export function bindControl(model: MixerModel, trackId: string, control: ContinuousControl) {
  return {
    onChange: (value: number) => model.push(trackId, control, value),
    onCommit: () => model.endGesture(trackId, control),
    onSet: (value: number) => model.set(trackId, control, value),
  };
}
