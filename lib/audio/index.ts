export * from './mix-engine';
export * from './render-mix';
export * from './wav';
export { laneHoldAt, laneValueAt } from './automation-lane';
export { MUTE_FADE_SEC } from './track-strip';
export { reverbDamping } from './bus-strip';
export * from './render-master';
export * from './mastering-targets';
export { MASTER_MODES, type MasterMode } from './master-section';
