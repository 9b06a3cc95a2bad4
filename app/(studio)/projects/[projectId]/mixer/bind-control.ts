import type { MixTarget, NumericParam } from './mix-target';

/** The three callbacks of a knob or fader for one parameter of a target: gesture values, gesture end, one-off set. */
export function bindControl<M>(target: MixTarget<M>, param: NumericParam<M>) {
  return {
    onChange: (value: number) => target.push(param, value),
    onCommit: () => target.endGesture(param),
    onSet: (value: number) => target.set(param, value as M[typeof param]),
  };
}
