'use client';

import { memo, useState } from 'react';
import { BUS_INSERT_KINDS, INSERT_KINDS, type InsertData, type InsertKind, NOTE_SYNCS, orderedInserts, PITCH_SCALES, type StripOwner } from '../../../../../lib/doc';
import { Select } from '../../../../_components/select-field';
import { Knob } from '../controls/knob';
import { insertParamSpec } from '../controls/param-spec';
import { ToggleButton } from '../controls/toggle-button';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { BusTarget, CompParams, EqParams, MixTarget, TrackTarget } from '../mixer/mix-target';
import { useStudio } from '../studio-context';
import { CompPanel } from './comp-panel';
import { EqPanel } from './eq-panel';
import { insertTarget } from './insert-target';
import { KEY_NAMES, PitchStatus } from './pitch-status';

export const INSERT_NAMES: Record<InsertKind, string> = {
  eq: 'EQ',
  comp: 'Compressor',
  chorus: 'Chorus',
  flanger: 'Flanger',
  phaser: 'Phaser',
  tremolo: 'Tremolo',
  auto_pan: 'Auto-pan',
  pitch: 'Pitch correction',
};

const SYNC_OPTIONS = NOTE_SYNCS.map((v) => ({ value: v, label: v === 'off' ? 'Free (Hz)' : v.replace(/d$/, ' dotted').replace(/t$/, ' triplet') }));
const KNOB_CAPTIONS: Record<string, string> = { rateHz: 'Rate', depth: 'Depth', feedback: 'Fdbk', mix: 'Mix', retuneMs: 'Retune', humanize: 'Human' };

type Inserts = Readonly<Record<string, InsertData>>;

export interface InsertListProps {
  owner: StripOwner;
  target: TrackTarget | BusTarget;
  /** "Bass" names the controls "Bass insert 1 chorus rate". */
  name: string;
  inserts: Inserts;
  /** A track's stem (for the state of its pitch-corrected copy); absent on buses. */
  stemId?: string | null;
  sampleRate: number;
  editable: boolean;
}

/**
 * A strip's ordered insert list (SPEC L18): add one of the kinds, move up and down, bypass,
 * remove, and open one to edit its parameters (EQ and compressor with the strip's own panels).
 */
export const InsertList = memo(function InsertList({ owner, target, name, inserts, stemId = null, sampleRate, editable }: InsertListProps) {
  const { model } = useStudio();
  const kinds = owner.kind === 'track' ? Object.values(INSERT_KINDS) : BUS_INSERT_KINDS;
  const [kind, setKind] = useState<InsertKind>('chorus');
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = orderedInserts(inserts);
  const t = target as unknown as MixTarget<Record<string, number>>;

  return (
    <div className="insert-list">
      <div className="insert-list__head">
        <span className="insert-list__title">Inserts</span>
        {editable && (
          <form
            className="insert-list__add"
            onSubmit={(e) => {
              e.preventDefault();
              const result = model.addInsert(owner, kind);
              if ('error' in result) return setError(result.error);
              setError(null);
              setOpen(result.id);
            }}
          >
            <Select size="sm" aria-label={`${name} insert to add`} value={kind} options={kinds.map((k) => ({ value: k, label: INSERT_NAMES[k] }))} onChange={setKind} />
            <button type="submit" className="button button--sm button--secondary">
              Add
            </button>
          </form>
        )}
      </div>
      {error && <p className="field__error">{error}</p>}
      {list.length === 0 ? (
        <p className="insert-list__empty">No inserts: the strip's EQ and compressor only.</p>
      ) : (
        <ol className="insert-list__items" aria-label={`${name} inserts`}>
          {list.map((insert, index) => {
            const label = `${name} insert ${index + 1} ${INSERT_NAMES[insert.kind]}`;
            const expanded = open === insert.id;
            return (
              <li key={insert.id} className="insert-list__item" data-bypass={insert.bypass} data-kind={insert.kind}>
                <div className="insert-list__row">
                  <ToggleButton
                    label={`${label} on`}
                    pressed={!insert.bypass}
                    disabled={!editable}
                    variant="power"
                    title={insert.bypass ? 'Bypassed: click to switch it in' : 'In: click to bypass'}
                    paramPath={paramPathOf(t, `insert:${insert.id}:bypass`)}
                    onToggle={(on) => t.set(`insert:${insert.id}:bypass`, !on as never)}
                  >
                    <span className="strip__led" aria-hidden="true" />
                  </ToggleButton>
                  <button type="button" className="insert-list__name" aria-expanded={expanded} aria-label={`${expanded ? 'Close' : 'Open'} ${label}`} onClick={() => setOpen(expanded ? null : insert.id)}>
                    <span className="insert-list__index">{index + 1}</span>
                    {INSERT_NAMES[insert.kind]}
                    {'sync' in insert.params && insert.params.sync !== 'off' && <span className="insert-list__badge">{insert.params.sync}</span>}
                  </button>
                  {editable && (
                    <span className="insert-list__tools">
                      <button type="button" className="strip__icon-btn" aria-label={`Move ${label} up`} title="Move up" disabled={index === 0} onClick={() => model.moveInsert(owner, insert.id, -1)}>
                        <svg viewBox="0 0 16 16" aria-hidden="true">
                          <path d="M3.5 10 8 5.5l4.5 4.5" />
                        </svg>
                      </button>
                      <button type="button" className="strip__icon-btn" aria-label={`Move ${label} down`} title="Move down" disabled={index === list.length - 1} onClick={() => model.moveInsert(owner, insert.id, 1)}>
                        <svg viewBox="0 0 16 16" aria-hidden="true">
                          <path d="M3.5 6 8 10.5 12.5 6" />
                        </svg>
                      </button>
                      <button type="button" className="strip__icon-btn strip__icon-btn--danger" aria-label={`Remove ${label}`} title="Remove" onClick={() => model.removeInsert(owner, insert.id)}>
                        <svg viewBox="0 0 16 16" aria-hidden="true">
                          <path d="M4 4l8 8M12 4l-8 8" />
                        </svg>
                      </button>
                    </span>
                  )}
                </div>
                {expanded && <InsertPanel insert={insert} target={target} name={name} label={label} stemId={stemId} sampleRate={sampleRate} editable={editable} />}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
});

interface InsertPanelProps {
  insert: InsertData & { id: string };
  target: TrackTarget | BusTarget;
  /** The strip's name. */
  name: string;
  label: string;
  stemId: string | null;
  sampleRate: number;
  editable: boolean;
}

/** One insert's parameters. */
function InsertPanel({ insert, target, name, label, stemId, sampleRate, editable }: InsertPanelProps) {
  const { playback } = useStudio();
  const t = target as unknown as MixTarget<Record<string, number>>;
  const param = (p: string) => `insert:${insert.id}:${p}`;
  if (insert.kind === 'eq') {
    return <EqPanel target={insertTarget<EqParams>(target as never, insert.id)} name={label} eq={insert.params} sampleRate={sampleRate} spectrum={playback} editable={editable} />;
  }
  if (insert.kind === 'comp') {
    return <CompPanel target={insertTarget<CompParams>(target as never, insert.id)} name={label} comp={{ ...insert.params, on: !insert.bypass }} meters={null} editable={editable} />;
  }
  const numeric = Object.entries(insert.params).filter(([, v]) => typeof v === 'number') as [string, number][];
  return (
    <div className="insert-panel">
      {insert.kind === 'pitch' ? (
        <>
          <Select
            size="sm"
            aria-label={`${label} key`}
            value={String(insert.params.key)}
            disabled={!editable}
            options={KEY_NAMES.map((k, i) => ({ value: String(i), label: k }))}
            onChange={(v) => t.set(param('key'), Number(v))}
          />
          <Select
            size="sm"
            aria-label={`${label} scale`}
            value={insert.params.scale}
            disabled={!editable}
            options={Object.values(PITCH_SCALES).map((s) => ({ value: s, label: s }))}
            onChange={(v) => t.set(param('scale'), v as never)}
          />
        </>
      ) : (
        'sync' in insert.params && (
          <Select
            size="sm"
            aria-label={`${label} tempo sync`}
            value={insert.params.sync}
            disabled={!editable}
            options={SYNC_OPTIONS}
            onChange={(v) => t.set(param('sync'), v as never)}
          />
        )
      )}
      <div className="insert-panel__knobs">
        {numeric
          .filter(([p]) => insertParamSpec(insert.kind, p) && !(p === 'rateHz' && 'sync' in insert.params && insert.params.sync !== 'off'))
          .map(([p, value]) => (
            <Knob
              key={p}
              label={`${label} ${p === 'rateHz' ? 'rate' : p === 'retuneMs' ? 'retune speed' : p}`}
              caption={KNOB_CAPTIONS[p] ?? p}
              spec={insertParamSpec(insert.kind, p)!}
              value={value}
              disabled={!editable}
              size="sm"
              {...bindControl(t, param(p))}
            />
          ))}
      </div>
      {insert.kind === 'pitch' && <p className="insert-panel__note">Computed ahead for the whole stem in a worker whenever these change; until it is ready the track plays as it is.</p>}
      {insert.kind === 'pitch' && !insert.bypass && stemId && <PitchStatus name={name} stemId={stemId} params={insert.params} variant="line" />}
    </div>
  );
}
