import type { TransportState } from './transport-types';

export const NO_TRANSPORT: TransportState = { ready: false, playing: false, loop: null, looping: false };

/**
 * The transport part of a playback snapshot (not its position: that is read per frame). For
 * `useStore(transport, transportState, sameTransportState)`: the loading progress of the stems
 * changes the snapshot too, and must not render what shows only the transport.
 */
export function transportState({ ready, playing, loop, looping }: TransportState): TransportState {
  return { ready, playing, loop, looping };
}

export function sameTransportState(a: TransportState, b: TransportState): boolean {
  return (
    a.ready === b.ready &&
    a.playing === b.playing &&
    a.looping === b.looping &&
    a.loop?.startSec === b.loop?.startSec &&
    a.loop?.endSec === b.loop?.endSec
  );
}
