import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffMix } from './diff-mix';
import { addInsert, createBus, createTrack, deleteBus, setBusParam, setClipParam, setInsertBypass, setInsertParam, deleteTrack, initMaster, readMix, renameTrack, setAssignees, setAutomation, setMasterParam, setSend, setStripParam, setTrackField } from './index';

function project(): Y.Doc {
  const doc = new Y.Doc();
  initMaster(doc);
  createTrack(doc, 'bass', { name: 'Bass', gainDb: -3, stemId: 'stem-1' });
  createTrack(doc, 'vox', { name: 'Vocal', order: 1 });
  createBus(doc, 'verb', { name: 'Reverb', kind: 'reverb' });
  return doc;
}

function changed(edit: (doc: Y.Doc) => void) {
  const a = project();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  edit(b);
  return diffMix(readMix(a), readMix(b));
}

describe('diffMix', () => {
  it('names a fader move in words an engineer reads, with the structured values', () => {
    expect(changed((d) => setStripParam(d, 'bass', 'gainDb', -4.5))).toEqual([
      { path: 'tracks/bass/strip/gainDb', group: 'track', id: 'bass', target: 'Bass', label: 'fader', from: -3, to: -4.5, unit: 'dB', text: 'Bass · fader -3.0 → -4.5 dB' },
    ]);
  });

  it('names EQ bands, the compressor, pan, sends and output', () => {
    const texts = changed((d) => {
      setStripParam(d, 'vox', 'eq.peak2.gainDb', 1.5);
      setStripParam(d, 'vox', 'eq.highpass.freqHz', 120);
      setStripParam(d, 'vox', 'comp.thresholdDb', -24);
      setStripParam(d, 'vox', 'pan', -0.3);
      setSend(d, 'vox', 'verb', { levelDb: -9 });
      setStripParam(d, 'bass', 'output', 'verb');
    }).map((c) => c.text);
    expect(texts).toEqual([
      'Bass · output master → Reverb',
      'Vocal · pan C → L30',
      'Vocal · high-pass frequency 80 → 120 Hz',
      'Vocal · EQ band 2 gain 0.0 → +1.5 dB',
      'Vocal · compressor threshold -18.0 → -24.0 dB',
      'Vocal · send to Reverb added',
    ]);
  });

  it('reports a replaced stem, a rename, assignees, colour and automation as one change each', () => {
    const texts = changed((d) => {
      setTrackField(d, 'bass', 'stemId', 'stem-2');
      renameTrack(d, 'vox', 'Lead vocal');
      setAssignees(d, 'vox', ['mia']);
      setAutomation(d, 'bass', 'gainDb', [[0, -3], [1, -6], [2, -9]]);
    }).map((c) => c.text);
    expect(texts).toEqual([
      'Bass · stem replaced',
      'Bass · fader automation added 0 points → 3 points',
      'Lead vocal · name Vocal → Lead vocal',
      'Lead vocal · assignees nobody → mia',
    ]);
  });

  it('reports added and removed tracks and buses, and master and project changes', () => {
    const changes = changed((d) => {
      createTrack(d, 'pad', { name: 'Pad', order: 2 });
      deleteTrack(d, 'vox');
      deleteBus(d, 'verb');
      createBus(d, 'dly', { name: 'Echo', kind: 'delay' });
      setMasterParam(d, 'target', 'apple_music');
      setMasterParam(d, 'limiter.ceilingDbtp', -2);
    });
    expect(changes.map((c) => c.text)).toEqual([
      'Pad · track added',
      'Vocal · track removed',
      'Echo bus · bus added',
      'Reverb bus · bus removed',
      'Master · limiter ceiling -1.0 → -2.0 dBTP',
      'Master · target none → Apple Music',
    ]);
    expect(changes.find((c) => c.label === 'target')).toMatchObject({ path: 'master/target', group: 'master', from: 'none', to: 'Apple Music' });
  });

  it('finds nothing between a mix and itself', () => {
    expect(changed(() => undefined)).toEqual([]);
  });
});

describe('diffMix of clips, inserts and bus params (issue 18)', () => {
  it('names clip edits, inserts added and changed, and the new bus params', () => {
    const texts = changed((d) => {
      setClipParam(d, 'vox', 'gainDb', 4.5);
      setClipParam(d, 'vox', 'fadeIn.durationSec', 2);
      addInsert(d, { kind: 'track', id: 'bass' }, 'ch', { kind: 'chorus' });
      setBusParam(d, 'verb', 'size', 0.8);
    }).map((c) => c.text);
    expect(texts).toEqual([
      'Bass · chorus insert ch added',
      'Vocal · clip gain 0.0 → +4.5 dB',
      'Vocal · clip fade-in length 0 → 2 s',
      'Reverb bus · size 0.6 → 0.8',
    ]);
    const a = project();
    addInsert(a, { kind: 'track', id: 'bass' }, 'ch', { kind: 'chorus' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setInsertParam(b, { kind: 'track', id: 'bass' }, 'ch', 'sync', '1/8');
    setInsertBypass(b, { kind: 'track', id: 'bass' }, 'ch', true);
    expect(diffMix(readMix(a), readMix(b)).map((c) => c.text)).toEqual(['Bass · insert ch bypass off → on', 'Bass · insert ch tempo sync off → 1/8']);
  });
});

/** A snapshot as a revision stored before issue 18 holds it: no clips, inserts, bus order, reverb size and mix, delay sync. */
function beforeIssue18(mix: ReturnType<typeof readMix>): ReturnType<typeof readMix> {
  const plain = JSON.parse(JSON.stringify(mix)) as {
    tracks: Array<Record<string, unknown> & { strip: Record<string, unknown> }>;
    buses: Array<Record<string, unknown> & { params: Record<string, unknown>; strip: Record<string, unknown> }>;
  };
  for (const track of plain.tracks) {
    delete track.clip;
    delete track.strip.inserts;
  }
  for (const bus of plain.buses) {
    delete bus.order;
    delete bus.strip.inserts;
    for (const key of ['size', 'mix', 'sync', 'pingPong']) delete bus.params[key];
  }
  return plain as unknown as ReturnType<typeof readMix>;
}

describe('diffMix of a revision stored before a field existed', () => {
  it('counts a field the old snapshot lacks as its default: an unchanged mix has no changes either way', () => {
    const doc = project();
    createBus(doc, 'echo', { name: 'Echo', kind: 'delay' });
    const now = readMix(doc);
    const old = beforeIssue18(now);
    expect(old.tracks[0]).not.toHaveProperty('clip');
    expect(diffMix(old, now)).toEqual([]);
    expect(diffMix(now, old)).toEqual([]);
  });

  it('still names what changed since, against the default the old snapshot implies', () => {
    const doc = project();
    const old = beforeIssue18(readMix(doc));
    setClipParam(doc, 'vox', 'gainDb', -3);
    addInsert(doc, { kind: 'track', id: 'bass' }, 'ap', { kind: 'auto_pan' });
    setBusParam(doc, 'verb', 'size', 0.9);
    setStripParam(doc, 'bass', 'gainDb', -6);
    expect(diffMix(old, readMix(doc)).map((c) => c.text)).toEqual([
      'Bass · fader -3.0 → -6.0 dB',
      'Bass · auto-pan insert ap added',
      'Vocal · clip gain 0.0 → -3.0 dB',
      'Reverb bus · size 0.6 → 0.9',
    ]);
  });
});
