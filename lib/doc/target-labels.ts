// No imports: the engine bundle (AudioWorklet) reads these labels, and must not pull in Yjs or zod.
/** How each target is named to people (the mastering view, diffs, reports). */
export const LOUDNESS_TARGET_LABELS: Readonly<Record<string, string>> = {
  none: 'none',
  spotify: 'Spotify',
  apple_music: 'Apple Music',
  youtube: 'YouTube',
  tidal: 'Tidal',
  amazon: 'Amazon Music',
  deezer: 'Deezer',
  cd: 'CD',
  ebu_r128: 'EBU R128 broadcast',
  soundcloud: 'SoundCloud',
  podcast: 'Podcast',
  atsc_a85: 'ATSC A/85 broadcast',
  custom: 'Custom',
};
