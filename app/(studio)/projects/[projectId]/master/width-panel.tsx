'use client';

import { memo, useRef } from 'react';
import type { MasterData } from '../../../../../lib/doc';
import { ToggleButton } from '../controls/toggle-button';
import type { MeterStore } from '../meters/meter-store';
import { useMeterDraw } from '../meters/use-meter-draw';
import { paramPathOf } from '../mixer/bind-control';
import type { MasterTarget } from '../mixer/mix-target';
import { MasterKnob } from './master-knob';

export interface WidthPanelProps {
  target: MasterTarget;
  width: number;
  monoBass: MasterData['monoBass'];
  meters: MeterStore | null;
  editable: boolean;
  describedBy?: string;
}

const SCOPE_PX = 120;

/** The master's phase correlation since the last meter frame, as a needle on -1..+1. */
function CorrelationMeter({ meters }: { meters: MeterStore | null }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const needleRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLSpanElement>(null);
  useMeterDraw(meters, (s) => {
    const c = s.loudness?.correlation;
    const value = c === undefined || c === null ? null : c;
    if (needleRef.current) {
      needleRef.current.style.left = `${(((value ?? 0) + 1) / 2) * 100}%`;
      needleRef.current.dataset.state = value === null ? 'silent' : value < 0 ? 'out' : 'in';
    }
    if (textRef.current) textRef.current.textContent = value === null ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
    rootRef.current?.setAttribute('aria-valuenow', (value ?? 0).toFixed(2));
  });
  return (
    <div className="correlation">
      <div ref={rootRef} className="correlation__track" role="meter" aria-label="Master phase correlation" aria-valuemin={-1} aria-valuemax={1} aria-valuenow={0}>
        <span className="correlation__mark correlation__mark--left" aria-hidden="true">
          −1
        </span>
        <span className="correlation__mark correlation__mark--mid" aria-hidden="true">
          0
        </span>
        <span className="correlation__mark correlation__mark--right" aria-hidden="true">
          +1
        </span>
        <div ref={needleRef} className="correlation__needle" />
      </div>
      <span ref={textRef} className="correlation__value" aria-hidden="true">
        –
      </span>
    </div>
  );
}

/** A goniometer (vectorscope): mid up, side across, the master's latest samples as dots. */
function Goniometer({ meters }: { meters: MeterStore | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useMeterDraw(meters, (s) => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const size = canvas.width;
    const half = size / 2;
    // Older dots fade rather than vanish.
    ctx.fillStyle = 'rgba(8, 9, 11, 0.45)';
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = 'rgba(125, 133, 144, 0.35)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(half, 0);
    ctx.lineTo(half, size);
    ctx.moveTo(0, 0);
    ctx.lineTo(size, size);
    ctx.moveTo(size, 0);
    ctx.lineTo(0, size);
    ctx.stroke();
    const points = s.loudness?.scope;
    if (!points) return;
    ctx.fillStyle = '#b99bff';
    const k = half * 0.7071;
    for (let i = 0; i + 1 < points.length; i += 2) {
      const l = points[i];
      const r = points[i + 1];
      const x = half + (r - l) * k;
      const y = half - (l + r) * k;
      ctx.fillRect(x, y, 1.5, 1.5);
    }
  });
  return <canvas ref={canvasRef} className="goniometer" width={SCOPE_PX} height={SCOPE_PX} role="img" aria-label="Master goniometer (mid up, side across)" />;
}

/** Mid/side width with mono bass, the correlation meter and the goniometer. */
export const WidthPanel = memo(function WidthPanel({ target, width, monoBass, meters, editable, describedBy }: WidthPanelProps) {
  return (
    <div className="master-panel master-width" data-on={width !== 1 || monoBass.on}>
      <div className="master-panel__head">
        <h3 className="master-panel__title">Width</h3>
      </div>
      <div className="master-width__body">
        <div className="master-width__controls">
          <div className="master-panel__row">
            <MasterKnob target={target} param="width" value={width} label="Master width" caption="Width" editable={editable} describedBy={describedBy} />
            <MasterKnob target={target} param="monoBass.freqHz" value={monoBass.freqHz} label="Master mono bass frequency" caption="Mono <" editable={editable} describedBy={describedBy} />
          </div>
          <ToggleButton
            label="Master mono bass on"
            pressed={monoBass.on}
            disabled={!editable}
            variant="pre"
            title="Bass below the frequency in mono"
            paramPath={paramPathOf(target, 'monoBass.on')}
            onToggle={(on) => target.set('monoBass.on', on)}
          >
            Mono bass
          </ToggleButton>
          <CorrelationMeter meters={meters} />
        </div>
        <Goniometer meters={meters} />
      </div>
    </div>
  );
});
