'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { Role } from '../../../../lib/roles';
import type { ClientRoom } from '../../../../lib/sync/client-room';
import { useStore } from './common/use-store';
import type { CodecPreview } from './master/codec-preview';
import type { MasterAnalysis } from './master/master-analysis';
import type { ReferencesModel } from './master/references-model';
import type { MixerModel } from './mixer/mixer-model';
import type { FollowModel } from './presence/follow-model';
import type { PresenceModel } from './presence/presence-model';
import type { BlameModel } from './revisions/blame-model';
import type { PublishFlow } from './revisions/publish-flow';
import type { Playback } from './transport/playback';

/**
 * What every part of the studio shares, from `Studio`: the project, who is here and as what, and
 * the client models of the page. Each is made once per room, so the value changes only when the
 * audio engine starts; components subscribe to the models for what they show (`useStore`).
 */
export interface StudioContextValue {
  projectId: string;
  projectName: string;
  userId: string;
  role: Role;
  room: ClientRoom;
  model: MixerModel;
  presence: PresenceModel;
  /** Null until the mix is loaded and the audio engine is set up (meters stay silent meanwhile). */
  playback: Playback | null;
  /** Publishing a revision and rendering it; one at a time, for as long as the studio is open. */
  publish: PublishFlow;
  /** Who changed each parameter last, for the hover over a control. */
  blame: BlameModel;
  /** The last full analysis of the master (the platform table, the live normalisation estimate); null until playback exists. */
  analysis: MasterAnalysis | null;
  /** Listening together: following another member's transport; null until the audio is set up. */
  follow: FollowModel | null;
  /** The codec preview (a region of the master through MP3 and back); null until playback exists. */
  codec: CodecPreview | null;
  /** The project's reference tracks and the one loaded for comparison; null until playback exists. */
  references: ReferencesModel | null;
}

const StudioContext = createContext<StudioContextValue | null>(null);

export function StudioProvider({ value, children }: { value: StudioContextValue; children: ReactNode }) {
  return <StudioContext.Provider value={value}>{children}</StudioContext.Provider>;
}

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('useStudio: outside the studio (StudioProvider)');
  return value;
}

/**
 * False while the mix is (re)loading or the server closed the session for good: every control
 * waits. Re-renders only when that flips.
 */
export function useLive(): boolean {
  const { room, model } = useStudio();
  const loaded = useStore(model, (s) => s.loaded);
  const open = useStore(room, (s) => s.connection !== 'closed');
  return loaded && open;
}
