'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import type { ProjectKind } from '../../../../lib/api/dto';
import type { Role } from '../../../../lib/roles';
import { Loading } from '../../../_components/loading';
import { createBrowserRoom } from './common/browser-room';
import { Splitter } from './common/splitter';
import { useOwned } from './common/use-owned';
import { ExportPanel } from './export/export-panel';
import { CodecPreview } from './master/codec-preview';
import { MasterAnalysis } from './master/master-analysis';
import { MasterView } from './master/master-view';
import { ReferencesModel } from './master/references-model';
import { Mixer } from './mixer/mixer';
import { MixerModel } from './mixer/mixer-model';
import { PeopleHere } from './presence/people-here';
import { FollowModel } from './presence/follow-model';
import { FollowBanner } from './presence/follow-banner';
import { PresenceModel } from './presence/presence-model';
import { usePlayheadPresence } from './presence/use-playhead-presence';
import { BlameTooltip } from './revisions/blame-tooltip';
import { type DrawerTab, RevisionsDrawer } from './revisions/revisions-drawer';
import { RevisionsButton } from './revisions/revisions-button';
import { useRevisionModels } from './revisions/use-revision-models';
import { StudioProvider, type StudioContextValue } from './studio-context';
import { Timeline } from './timeline/timeline';
import { useTimelineHeight } from './timeline/use-timeline-height';
import { TransportBar } from './transport/transport-bar';
import { usePlayback } from './transport/use-playback';
import { useTransportShortcuts } from './transport/use-transport-shortcuts';

export type StudioView = 'mixer' | 'master';

/** Mixer or Master: which view fills the space under the timeline. */
function ViewTabs({ view, onView, panelId }: { view: StudioView; onView(view: StudioView): void; panelId: string }) {
  return (
    <div className="view-tabs" role="tablist" aria-label="View">
      {(['mixer', 'master'] as const).map((v) => (
        <button key={v} type="button" role="tab" aria-selected={view === v} aria-controls={panelId} className="view-tabs__tab" onClick={() => onView(v)}>
          {v === 'mixer' ? 'Mixer' : 'Master'}
        </button>
      ))}
    </div>
  );
}

export interface StudioProps {
  projectId: string;
  projectName: string;
  /** A mastering-only project (one stereo mix) opens in the master view. @default 'mix' */
  projectKind?: ProjectKind;
  userId: string;
  role: Role;
}

/**
 * One room for the page: the transport, the timeline (waveforms, automation, uploads) and the
 * console, all on the same live mix, which the engine worklet plays. Owns the client models and
 * hands them down through the studio context.
 */
export function Studio({ projectId, projectName, projectKind = 'mix', userId, role }: StudioProps) {
  const room = useOwned(() => createBrowserRoom(projectId, userId), [projectId, userId]);
  // Made with the role of the moment; later role changes reach it through setPrincipal.
  const model = useOwned(() => room && new MixerModel(room, { userId, role }, { masteringOnly: projectKind === 'mastering' }), [room]);
  useEffect(() => model?.setPrincipal({ userId, role }), [model, userId, role]);
  const presence = useOwned(() => room && new PresenceModel(room, { userId }), [room, userId]);
  const playback = usePlayback(model);
  const analysis = useOwned(() => playback && new MasterAnalysis((gainDb) => playback.setNormalizationGainDb(gainDb)), [playback]);
  const codec = useOwned(() => playback && analysis && new CodecPreview(playback, analysis), [playback, analysis]);
  const references = useOwned(() => playback && new ReferencesModel(projectId, playback), [playback, projectId]);
  /** The mixer (console) or the master view below the timeline; the mastering engineer lands on the master. */
  const [view, setView] = useState<StudioView>(role === 'mastering' || projectKind === 'mastering' ? 'master' : 'mixer');
  const follow = useOwned(() => presence && playback && new FollowModel(presence, playback), [presence, playback]);
  const { publish, blame } = useRevisionModels(projectId, model);
  /** The revisions panel's tab, or null while it is closed. */
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  const [lastTab, setLastTab] = useState<DrawerTab>('revisions');
  const drawerId = useId();
  const revisionsButtonId = useId();
  /** The strip shown in the detail panel (EQ, compressor), and the target of the M and S keys. */
  const [selectedTrackId, setSelectedTrackId] = useState<string | null>(null);

  useTransportShortcuts(playback, model, selectedTrackId);
  usePlayheadPresence(playback, presence);
  const [timelineSection, setTimelineSection] = useState<HTMLElement | null>(null);
  const timelineHeight = useTimelineHeight(timelineSection);
  const timelineId = useId();
  const viewPanelId = useId();

  const studio = useMemo<StudioContextValue | null>(
    () =>
      room && model && presence && publish && blame ? { projectId, projectName, userId, role, room, model, presence, playback, publish, blame, analysis, follow, codec, references } : null,
    [projectId, projectName, userId, role, room, model, presence, playback, publish, blame, analysis, follow, codec, references],
  );
  if (!studio) return <Loading label="Loading the mixer…" />;

  return (
    <StudioProvider value={studio}>
      <section aria-label="Transport and export" className="transport-section">
        <TransportBar />
        <PeopleHere />
        <FollowBanner />
        <ViewTabs view={view} onView={setView} panelId={viewPanelId} />
        <ExportPanel />
        <RevisionsButton
          id={revisionsButtonId}
          open={drawer !== null}
          controls={drawerId}
          onToggle={() => setDrawer((open) => (open ? null : lastTab))}
        />
      </section>
      <section
        ref={setTimelineSection}
        id={timelineId}
        aria-label="Timeline"
        className="timeline-section"
        style={timelineHeight.chosen === null ? undefined : { height: timelineHeight.chosen }}
      >
        <Timeline />
      </section>
      <Splitter
        label="Resize the timeline"
        controls={timelineId}
        value={timelineHeight.value}
        min={timelineHeight.min}
        max={timelineHeight.max}
        onChange={timelineHeight.set}
      />
      {view === 'mixer' ? (
        <section id={viewPanelId} aria-label="Mixer" className="mixer-section">
          <Mixer selectedTrackId={selectedTrackId} onSelectTrack={setSelectedTrackId} />
        </section>
      ) : (
        <section id={viewPanelId} aria-label="Master section" className="mixer-section master-section">
          <MasterView />
        </section>
      )}
      {drawer && (
        <RevisionsDrawer
          id={drawerId}
          tab={drawer}
          onTab={(tab) => {
            setDrawer(tab);
            setLastTab(tab);
          }}
          onClose={() => {
            setDrawer(null);
            document.getElementById(revisionsButtonId)?.focus();
          }}
        />
      )}
      <BlameTooltip />
    </StudioProvider>
  );
}
