'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { drawWaveform } from '../timeline/draw-waveform';
import { parseWaveformPeaks, type WaveformPeaks } from '../timeline/waveform-peaks';

export interface RenderWaveformProps {
  /** The raw `peaks.json` of the render, or undefined while it loads. */
  peaksJson: unknown;
  durationSec: number;
  color: string;
}

/**
 * The whole render's waveform across the width of its box, drawn with the timeline's own
 * `drawWaveform` (one column per CSS pixel, the closest zoom level of the peaks).
 */
export function RenderWaveform({ peaksJson, durationSec, color }: RenderWaveformProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const peaks = useMemo<WaveformPeaks | null>(() => {
    if (peaksJson === undefined) return null;
    try {
      return parseWaveformPeaks(peaksJson);
    } catch {
      return null;
    }
  }, [peaksJson]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setSize({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !size || !peaks || size.width < 1) return;
    const lengthSec = Math.max(durationSec, peaks.frames / peaks.sampleRate, 0.001);
    drawWaveform(canvas, { view: { startSec: 0, pxPerSec: size.width / lengthSec }, width: size.width, height: size.height, offsetSec: 0, color, peaks });
  }, [size, peaks, durationSec, color]);

  return <canvas ref={canvasRef} className="render-waveform" aria-hidden="true" />;
}
