import { formatPath } from '../../../../../lib/doc';
import type { MixTarget, NumericParam } from './mix-target';

/**
 * The three callbacks of a knob or fader for one parameter of a target (gesture values, gesture
 * end, one-off set), and the document path it edits, which blame is looked up by.
 */
export function bindControl<M>(target: MixTarget<M>, param: NumericParam<M>) {
  return {
    onChange: (value: number) => target.push(param, value),
    onCommit: () => target.endGesture(param),
    onSet: (value: number) => target.set(param, value as M[typeof param]),
    paramPath: paramPathOf(target, param),
  };
}

/** A parameter's document path as text (`tracks/<id>/strip/mute`), for controls that `bindControl` does not serve. */
export function paramPathOf<M>(target: MixTarget<M>, param: keyof M & string): string {
  return formatPath(target.pathOf(param));
}
