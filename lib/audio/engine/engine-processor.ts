import { MixEngine } from '../mix-engine';
import { ENGINE_PROCESSOR_NAME, type LoopRegion, METER_INTERVAL_FRAMES, type WorkletCommand, type WorkletEvent } from './protocol';

/** The AudioWorkletGlobalScope names this module uses (TypeScript's DOM library has none of them). */
interface WorkletScope {
  AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(name: string, ctor: unknown): void;
  sampleRate: number;
  currentFrame: number;
}

/** The render quantum of Web Audio: `process` always gets blocks of this many frames. */
export const QUANTUM = 128;

/**
 * Registers the engine processor: all tracks, buses and the master of the mix in one worklet node.
 * Output 0 is the mix (stereo); output 1 is the tapped track's output for the spectrum view. The
 * page sends `WorkletCommand`s; stems arrive once, transferred, and stay in the engine.
 */
export function registerEngineProcessor(scope: WorkletScope): void {
  class EngineProcessor extends scope.AudioWorkletProcessor {
    private readonly engine = new MixEngine({ sampleRate: scope.sampleRate, blockSize: QUANTUM, metering: true, monitoring: true });
    private readonly tap: [Float32Array, Float32Array] = [new Float32Array(QUANTUM), new Float32Array(QUANTUM)];
    private playing = false;
    private frame = 0;
    /** The context frame playback starts at (a play command may name a moment just ahead). */
    private startAt = 0;
    private loop: LoopRegion | null = null;
    private sinceMeter = 0;
    private tapping = false;

    constructor() {
      super();
      this.port.onmessage = (e: MessageEvent<WorkletCommand>) => {
        try {
          this.apply(e.data);
          this.post({ type: 'ack', seq: e.data.seq });
        } catch (err) {
          this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        }
      };
    }

    private post(event: WorkletEvent): void {
      this.port.postMessage(event);
    }

    private apply(cmd: WorkletCommand): void {
      switch (cmd.type) {
        case 'stem':
          this.engine.setStem(cmd.stemId, cmd.channels);
          break;
        case 'deleteStem':
          this.engine.deleteStem(cmd.stemId);
          break;
        case 'mix':
          this.engine.setMix(cmd.mix);
          break;
        case 'play':
          this.frame = Math.max(0, Math.round(cmd.fromFrame));
          this.startAt = cmd.atContextFrame;
          this.playing = true;
          this.sinceMeter = METER_INTERVAL_FRAMES;
          break;
        case 'pause':
          this.playing = false;
          this.sendPosition();
          break;
        case 'seek':
          this.frame = Math.max(0, Math.round(cmd.frame));
          this.sendPosition();
          break;
        case 'loop':
          this.loop = cmd.region && cmd.region.endFrame - cmd.region.startFrame >= QUANTUM ? cmd.region : null;
          break;
        case 'tap':
          this.tapping = cmd.trackId !== null;
          this.engine.setTap(cmd.trackId, this.tap);
          break;
        case 'normalization':
          this.engine.setNormalizationGainDb(cmd.gainDb);
          break;
        case 'monitor':
          this.engine.setMonitor(cmd.settings);
          break;
        case 'preview':
          this.engine.setPreview(cmd.channels ? { startFrame: cmd.startFrame, channels: cmd.channels } : null);
          break;
        case 'reference':
          this.engine.setReference(cmd.channels);
          break;
        case 'resetLoudness':
          this.engine.resetLoudness();
          break;
      }
    }

    private sendPosition(): void {
      const meters = this.playing ? this.engine.takeMeters() : null;
      this.post({ type: 'position', frame: this.frame, playing: this.playing, meters });
    }

    process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      const out = outputs[0];
      const left = out[0];
      const right = out[1] ?? out[0];
      if (!this.playing || scope.currentFrame < this.startAt) return true;
      const loop = this.loop;
      // Past the loop's end (a seek, or the region just set behind the playhead): back to its
      // start, as Tone's Transport does.
      if (loop && this.frame >= loop.endFrame) this.frame = loop.startFrame;
      const first = loop && this.frame < loop.endFrame && this.frame + QUANTUM > loop.endFrame ? loop.endFrame - this.frame : QUANTUM;
      this.engine.process(this.frame, first, left, right);
      this.frame += first;
      if (first < QUANTUM && loop) {
        // The loop end falls inside this quantum: the rest comes from the loop start (a seek).
        this.frame = loop.startFrame;
        const rest = QUANTUM - first;
        this.engine.process(this.frame, rest, left.subarray(first), right.subarray(first));
        this.frame += rest;
      }
      if (this.tapping && outputs[1]) {
        const tapOut = outputs[1];
        tapOut[0]?.set(this.tap[0]);
        tapOut[1]?.set(this.tap[1]);
      }
      this.sinceMeter += QUANTUM;
      if (this.sinceMeter >= METER_INTERVAL_FRAMES) {
        this.sinceMeter = 0;
        this.sendPosition();
      }
      return true;
    }
  }
  scope.registerProcessor(ENGINE_PROCESSOR_NAME, EngineProcessor);
}
