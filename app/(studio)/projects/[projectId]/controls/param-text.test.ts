import { describe, expect, it } from 'vitest';
import { paramSpec } from './param-spec';
import { formatParam, paramValueText, parseParam } from './param-text';

describe('formatParam', () => {
  it('prints each unit compactly with a steady width', () => {
    expect(formatParam('db', 3)).toBe('+3.0');
    expect(formatParam('db', -144)).toBe('-∞');
    expect(formatParam('hz', 80)).toBe('80.0');
    expect(formatParam('hz', 250)).toBe('250');
    expect(formatParam('hz', 1_200)).toBe('1.20k');
    expect(formatParam('hz', 18_000)).toBe('18.0k');
    expect(formatParam('q', 0.707)).toBe('0.71');
    expect(formatParam('ms', 10)).toBe('10.0');
    expect(formatParam('ms', 1_500)).toBe('1.50s');
    expect(formatParam('ratio', 4)).toBe('4.0:1');
    expect(formatParam('pan', -0.3)).toBe('L30');
  });

  it('gives screen readers the unit', () => {
    expect(paramValueText('hz', 2_500)).toBe('2.50 kHz');
    expect(paramValueText('db', -4.5)).toBe('-4.5 dB');
    expect(paramValueText('q', 1)).toBe('Q 1.00');
    expect(paramValueText('ms', 30)).toBe('30.0 ms');
  });
});

describe('parseParam', () => {
  const hz = paramSpec('eq.peak1.freqHz')!;
  const trim = paramSpec('trimDb')!;
  const send = paramSpec('send:b:levelDb')!;

  it('reads frequencies with and without units', () => {
    expect(parseParam(hz, '2.5k')).toBe(2_500);
    expect(parseParam(hz, '2.5 kHz')).toBe(2_500);
    expect(parseParam(hz, '250 Hz')).toBe(250);
    expect(parseParam(hz, '1234')).toBe(1_230);
  });

  it('clamps values beyond the range and refuses what it cannot read', () => {
    expect(parseParam(hz, '5')).toBe(20);
    expect(parseParam(trim, '+30 dB')).toBe(24);
    expect(parseParam(trim, '−6')).toBe(-6);
    expect(parseParam(trim, 'loud')).toBeNull();
    expect(parseParam(trim, '')).toBeNull();
    expect(parseParam(hz, '1..2k')).toBeNull();
  });

  it('reads silence for levels that have it', () => {
    expect(parseParam(send, '-inf')).toBe(-144);
    expect(parseParam(trim, '-inf')).toBe(-24);
  });

  it('reads times, ratios and pan positions', () => {
    expect(parseParam(paramSpec('comp.releaseMs')!, '0.5s')).toBe(500);
    expect(parseParam(paramSpec('comp.attackMs')!, '30 ms')).toBe(30);
    expect(parseParam(paramSpec('comp.ratio')!, '4:1')).toBe(4);
    expect(parseParam(paramSpec('pan')!, 'L30')).toBe(-0.3);
    expect(parseParam(paramSpec('pan')!, 'c')).toBe(0);
  });
});
