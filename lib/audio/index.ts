export * from './mix-engine';
export * from './render-mix';
export * from './wav';
export { laneHoldAt, laneValueAt } from './automation-lane';
export { MUTE_FADE_SEC } from './track-strip';
export { reverbDamping } from './bus-strip';
