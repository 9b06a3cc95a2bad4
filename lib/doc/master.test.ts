import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isAppError } from '../errors';
import { ensureRoots, initMaster, masterSchema, MASTER_MAPS, readMix, setMasterParam, validateUnit } from './index';

function expectInvalid(fn: () => void) {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(isAppError(error) && error.code).toBe('invalid_input');
}

describe('the master section (mastering, part one)', () => {
  it('L14: a document written before the mastering fields reads every new field at its default, the chain flat', () => {
    const doc = new Y.Doc();
    const master = ensureRoots(doc).master;
    const limiter = new Y.Map<unknown>();
    master.set('limiter', limiter);
    limiter.set('on', true);
    limiter.set('ceilingDbtp', -2);
    master.set('width', 1.5);
    expect(validateUnit(doc, ['master'])).toBeUndefined();
    const mix = readMix(doc);
    expect(mix.invalid).toEqual([]);
    expect(mix.master).toMatchObject({
      inputGainDb: 0,
      eqMode: 'minimum_phase',
      width: 1.5,
      monoBass: { on: false, freqHz: 120 },
      limiter: { on: true, ceilingDbtp: -2, releaseMs: 50, lookaheadMs: 5 },
      target: 'none',
      customTarget: { integratedLufs: -14, ceilingDbtp: -1 },
      fadeIn: { durationSec: 0, curve: 'equal_power' },
      fadeOut: { durationSec: 0, curve: 'equal_power' },
      dither: { noiseShaping: false },
    });
    expect(mix.master.comp).toMatchObject({ on: false, sidechainHpOn: false, sidechainHpHz: 100 });
  });

  it('L4: initMaster creates every nested master map up front, once, and keeps what is there', () => {
    const doc = new Y.Doc();
    setMasterParam(doc, 'fadeIn.durationSec', 2);
    initMaster(doc);
    const master = ensureRoots(doc).master;
    for (const key of MASTER_MAPS) expect(master.get(key)).toBeInstanceOf(Y.Map);
    const eq = master.get('eq') as Y.Map<unknown>;
    expect([...eq.keys()].sort()).toEqual(['highShelf', 'highpass', 'lowShelf', 'lowpass', 'peak1', 'peak2']);
    expect(readMix(doc).master.fadeIn.durationSec).toBe(2);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    initMaster(doc);
    expect(transactions).toBe(0);
  });

  it('L14: new master fields are range-checked by the schema the gate uses', () => {
    const doc = new Y.Doc();
    setMasterParam(doc, 'inputGainDb', 6);
    setMasterParam(doc, 'eqMode', 'linear_phase');
    setMasterParam(doc, 'comp.sidechainHpOn', true);
    setMasterParam(doc, 'comp.sidechainHpHz', 150);
    setMasterParam(doc, 'monoBass.on', true);
    setMasterParam(doc, 'limiter.lookaheadMs', 2);
    setMasterParam(doc, 'target', 'atsc_a85');
    setMasterParam(doc, 'customTarget.integratedLufs', -18);
    setMasterParam(doc, 'fadeOut.curve', 's_curve');
    setMasterParam(doc, 'fadeOut.durationSec', 4);
    setMasterParam(doc, 'dither.noiseShaping', true);
    expect(readMix(doc).master).toMatchObject({ inputGainDb: 6, eqMode: 'linear_phase', target: 'atsc_a85', fadeOut: { durationSec: 4, curve: 's_curve' } });
    expectInvalid(() => setMasterParam(doc, 'inputGainDb', 30));
    expectInvalid(() => setMasterParam(doc, 'eqMode', 'iir' as never));
    expectInvalid(() => setMasterParam(doc, 'comp.sidechainHpHz', 10));
    expectInvalid(() => setMasterParam(doc, 'monoBass.freqHz', 1000));
    expectInvalid(() => setMasterParam(doc, 'limiter.lookaheadMs', 0.5));
    expectInvalid(() => setMasterParam(doc, 'customTarget.integratedLufs', -3));
    expectInvalid(() => setMasterParam(doc, 'fadeIn.durationSec', 61));
    expectInvalid(() => setMasterParam(doc, 'fadeIn.curve', 'cosine' as never));
    // What a client could write around the accessors is refused by the schema (G7).
    (ensureRoots(doc).master.get('monoBass') as Y.Map<unknown>).set('extra', 1);
    expect(validateUnit(doc, ['master'])?.path).toBe('master/monoBass');
    expect(masterSchema.safeParse(ensureRoots(doc).master).success).toBe(false);
  });
});
