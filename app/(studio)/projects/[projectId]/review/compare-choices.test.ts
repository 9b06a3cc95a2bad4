import { describe, expect, it } from 'vitest';
import type { RevisionDto, RevisionRenderDto } from '../../../../../lib/api/dto';
import { compareChoices } from './compare-choices';

const render = (kind: 'mix' | 'master'): RevisionRenderDto => ({
  kind, format: 'wav24', bytes: 1, sampleRate: 48000, channels: 2, durationSec: 80, integratedLufs: -14, truePeakDbtp: -1, loudnessRangeLu: 5, qc: [], audioUrl: `/${kind}`, peaksUrl: '/p', createdAt: '',
});
const revision = (number: number, kind: 'mix' | 'master', renders: RevisionRenderDto[], status: RevisionDto['status'] = 'ready'): RevisionDto => ({
  id: `r${number}`, projectId: 'p', number, kind, title: `T${number}`, notes: '', author: null, createdAt: '', status, deletedAt: null, deletedBy: null, renderFormat: 'wav24', provenance: {}, renders,
});

describe('compare choices', () => {
  it('offers the revision\'s own other render first, the other revisions newest first, then live', () => {
    const master = revision(3, 'master', [render('master'), render('mix')]);
    const choices = compareChoices(master, [revision(1, 'mix', [render('mix')]), revision(2, 'mix', [], 'rendering'), revision(4, 'mix', [], 'deleted'), master]);
    expect(choices.map((c) => [c.value, c.label, c.render?.kind ?? null, c.diffTo])).toEqual([
      ['self:mix', 'the mix of this revision', 'mix', 'r3'],
      ['r2', 'revision 2 (mix)', null, 'r2'],
      ['r1', 'revision 1 (mix)', 'mix', 'r1'],
      ['live', 'the live mix', null, 'live'],
    ]);
  });
});
