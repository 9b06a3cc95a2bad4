'use client';

import { memo, useEffect, useId, useRef } from 'react';
import { resolveTarget } from '../../../../../lib/audio/mastering-targets';
import { useStore } from '../common/use-store';
import { Fader } from '../controls/fader';
import { ToggleButton } from '../controls/toggle-button';
import { LevelMeter } from '../meters/level-meter';
import { METER_MARKS_DB } from '../meters/meter-scale';
import { MASTER_METER_ID } from '../meters/meter-store';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import { SyncStatus } from '../mixer/sync-status';
import { useUndoShortcuts } from '../mixer/use-undo-shortcuts';
import { CompPanel } from '../strip/comp-panel';
import { EqPanel } from '../strip/eq-panel';
import { useLive, useStudio } from '../studio-context';
import { LimiterPanel } from './limiter-panel';
import { LoudnessPanel } from './loudness-panel';
import { MASTER_SPECS } from './master-params';
import { MasterExport } from './master-export';
import { MasterKnob } from './master-knob';
import { MonitorPanel } from './monitor-panel';
import { PlatformTable } from './platform-table';
import { ReferencesPanel } from './references-panel';
import { TargetPicker } from './target-picker';
import { WidthPanel } from './width-panel';

const MASTER_IDS = [`${MASTER_METER_ID}:L`, `${MASTER_METER_ID}:R`] as const;
const clampInput = (db: number) => Math.min(MASTER_SPECS.inputGainDb.max, Math.max(MASTER_SPECS.inputGainDb.min, db));

/**
 * The master view: the master section of the document (EQ and compressor through the strip's
 * panels on `model.master()`, limiter, width, target, the master fader), its live loudness, what
 * platforms will do to it, and monitoring. The lead and the mastering engineer edit it; everyone
 * else sees it change live, read-only, and the controls say why (`readOnly.master`, from the same
 * rules as the server's gate).
 */
export const MasterView = memo(function MasterView() {
  const { model, playback, analysis, codec, references } = useStudio();
  const codecState = useStore(codec);
  // Ctrl+Z and Ctrl+Shift+Z undo and redo one's own edits here too (the console is not shown).
  useUndoShortcuts(model);
  const master = useStore(model, (s) => s.mix.master);
  const sampleRate = useStore(model, (s) => s.mix.meta.sampleRate);
  const readOnly = useStore(model, (s) => s.readOnly.master);
  const mix = useStore(model, (s) => s.mix);
  const loaded = useStore(model, (s) => s.loaded);
  const live = useLive();
  const editable = live && readOnly === null;
  const analysisState = useStore(analysis);
  const target = model.master();
  const reasonId = useId();
  const describedBy = readOnly ? reasonId : undefined;
  const resolved = resolveTarget(master);
  const meters = playback?.meters ?? null;
  const fader = bindControl(target, 'inputGainDb');

  // A new target changes the normalisation: a writer's page analyses the master again, so that
  // what is heard follows (everyone else's on demand).
  const analysedTarget = useRef<string | null>(null);
  const targetKey = JSON.stringify([master.target, master.customTarget]);
  const targetLufs = resolved?.integratedLufs ?? null;
  useEffect(() => {
    if (!analysis || !loaded || readOnly !== null || analysedTarget.current === targetKey) return;
    const first = analysedTarget.current === null;
    analysedTarget.current = targetKey;
    if (first && targetLufs === null) return;
    const timer = setTimeout(() => void analysis.run(model.snapshot.mix), first ? 0 : 600);
    return () => clearTimeout(timer);
  }, [analysis, loaded, readOnly, targetKey, targetLufs, model]);

  return (
    <div className="master-view" data-editable={editable}>
      <header className="master-view__head">
        <h2 className="master-view__title">Master</h2>
        <SyncStatus />
        <TargetPicker target={target} master={master} editable={editable} describedBy={describedBy} />
        {readOnly && (
          <span id={reasonId} className="master-view__readonly" role="note">
            <svg viewBox="0 0 16 16" aria-hidden="true" className="mixer__icon">
              <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
              <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
            </svg>
            {readOnly}
          </span>
        )}
        <MasterExport analysis={analysis} />
      </header>
      <div className="master-view__grid">
        <section className="master-view__col master-view__col--eq" aria-label="Master EQ">
          <div className="master-panel__head">
            <h3 className="master-panel__title">EQ</h3>
            <div className="segmented" role="radiogroup" aria-label="Master EQ mode">
              {(['minimum_phase', 'linear_phase'] as const).map((mode) => (
                <button
                  key={mode}
                  type="button"
                  role="radio"
                  aria-checked={master.eqMode === mode}
                  className="segmented__btn"
                  disabled={!editable}
                  aria-describedby={describedBy}
                  data-param-path={paramPathOf(target, 'eqMode')}
                  onClick={() => target.set('eqMode', mode)}
                >
                  {mode === 'minimum_phase' ? 'Minimum phase' : 'Linear phase'}
                </button>
              ))}
            </div>
          </div>
          <EqPanel target={target} name="Master" eq={master.eq} sampleRate={sampleRate} spectrum={null} editable={editable} />
          <ReferencesPanel references={references} target={target} measurement={analysisState?.last ?? null} editable={editable} />
        </section>
        <section className="master-view__col master-view__col--dynamics" aria-label="Master dynamics">
          <div className="master-panel">
            <CompPanel target={target} name="Master" comp={master.comp} meters={meters} editable={editable} />
            <div className="master-panel__row master-glue">
              <ToggleButton
                label="Master compressor sidechain high-pass"
                pressed={master.comp.sidechainHpOn}
                disabled={!editable}
                variant="pre"
                title="The compressor's detector ignores the bass below the frequency"
                paramPath={paramPathOf(target, 'comp.sidechainHpOn')}
                onToggle={(on) => target.set('comp.sidechainHpOn', on)}
              >
                SC HP
              </ToggleButton>
              <MasterKnob target={target} param="comp.sidechainHpHz" value={master.comp.sidechainHpHz} label="Master compressor sidechain frequency" caption="SC freq" editable={editable} describedBy={describedBy} />
            </div>
          </div>
          <LimiterPanel target={target} limiter={master.limiter} targetCeilingDbtp={resolved?.ceilingDbtp ?? null} meters={meters} editable={editable} describedBy={describedBy} />
          <WidthPanel target={target} width={master.width} monoBass={master.monoBass} meters={meters} editable={editable} describedBy={describedBy} />
        </section>
        <section className="master-view__col master-view__col--loudness" aria-label="Master loudness">
          <LoudnessPanel
            meters={meters}
            history={playback?.history ?? null}
            targetLufs={resolved?.integratedLufs ?? null}
            ceilingDbtp={resolved?.ceilingDbtp ?? (master.limiter.on ? master.limiter.ceilingDbtp : null)}
            onReset={() => playback?.resetLoudness()}
          />
          {analysisState && <PlatformTable analysis={analysisState} stale={analysisState.last !== null && analysisState.last.mix !== mix} onAnalyse={() => analysis && void analysis.run(model.snapshot.mix)} />}
        </section>
        <section className="master-view__col master-view__col--monitor" aria-label="Master monitor and fader">
          <MonitorPanel
            playback={playback}
            measurement={analysisState?.last ?? null}
            codec={codec}
            codecStale={codecState?.status === 'ready' && analysisState?.last?.mix !== mix}
            onPreview={(bitrate) => codec && void codec.prepare(model.snapshot.mix, bitrate)}
          />
          <div className="master-panel master-fader">
            <div className="master-fader__controls">
              <Fader
                label="Master fader"
                valueDb={master.inputGainDb}
                disabled={!editable}
                describedBy={describedBy}
                paramPath={fader.paramPath}
                onChange={(db) => fader.onChange(clampInput(db))}
                onCommit={fader.onCommit}
                onSet={(db) => fader.onSet(clampInput(db))}
              />
              <LevelMeter name="Master" ids={MASTER_IDS} store={meters} marks={METER_MARKS_DB} />
            </div>
            <span className="master-fader__value">{`${master.inputGainDb > 0 ? '+' : ''}${master.inputGainDb.toFixed(1)} dB into the chain`}</span>
          </div>
        </section>
      </div>
    </div>
  );
});
