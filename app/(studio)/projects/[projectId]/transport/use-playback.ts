'use client';

import { useEffect, useState } from 'react';
import { useOwned } from '../common/use-owned';
import { useStore } from '../common/use-store';
import type { MixerModel } from '../mixer/mixer-model';
import { Playback } from './playback';

const sampleRateOf = (state: MixerModel['snapshot']) => (state.loaded ? state.mix.meta.sampleRate : null);

/**
 * Live playback for the page: a `Playback` at the project rate, made once the mix is loaded
 * (again if the rate changes) and handed every new mix from the model, without a React render.
 */
export function usePlayback(model: MixerModel | null): Playback | null {
  const loadedRate = useStore(model, sampleRateOf);
  // The rate of the last loaded mix: while the room resyncs after a refused edit the mix is not
  // loaded, and the engine (with every stem in it) must not be torn down and built again for it.
  const [sampleRate, setSampleRate] = useState<number | null>(null);
  if (loadedRate !== null && loadedRate !== sampleRate) setSampleRate(loadedRate);
  const playback = useOwned(() => {
    if (sampleRate === null) return null;
    const created = new Playback(sampleRate);
    void created.init();
    return created;
  }, [sampleRate]);

  useEffect(() => {
    if (!playback || !model) return;
    let fed: MixerModel['snapshot']['mix'] | null = null;
    const feed = () => {
      const { loaded, mix } = model.snapshot;
      if (!loaded || mix === fed) return;
      fed = mix;
      playback.setMix(mix);
    };
    feed();
    return model.subscribe(feed);
  }, [playback, model]);

  return playback;
}
