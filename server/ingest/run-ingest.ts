import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resampler } from '../../lib/dsp/resampler';
import { FloatWavWriter } from './float-wav-writer';
import { OUTPUT_FILES, resolveIngestOptions, type IngestRequest, type IngestResult, type StemMetadata } from './ingest-options';
import { openAudioSource } from './open-audio-source';
import { StemAnalyzer } from './stem-analyzer';
import { WaveformPeaks } from './waveform-peaks';

const RESAMPLE_BLOCK_FRAMES = 8192;

/**
 * The ingest pipeline, in the calling thread: decode -> (resample) -> canonical WAV + peaks +
 * analysis, all streamed block by block. A source already at the project rate is copied sample
 * for sample (no resampling pass). `ingestFile` runs this in a worker with a time limit; call it
 * directly only where blocking the thread is fine (tests, scripts).
 */
export async function runIngest(request: IngestRequest): Promise<IngestResult> {
  const options = resolveIngestOptions(request);
  const rate = options.projectSampleRate;
  const source = await openAudioSource(options.inputPath, { limits: options, spoolDir: options.outputDir });
  let writer: FloatWavWriter | undefined;
  try {
    const { channels, sampleRate: sourceRate } = source.info;
    const sourceFrames = source.info.frames as number;
    const resampler = sourceRate === rate ? null : new Resampler({ inputRate: sourceRate, outputRate: rate, channels, maxBlockFrames: RESAMPLE_BLOCK_FRAMES });
    const frames = resampler ? resampler.outputLength(sourceFrames) : sourceFrames;
    const audioPath = join(options.outputDir, OUTPUT_FILES.audio);
    writer = await FloatWavWriter.create(audioPath, channels, rate, frames);
    const peaks = new WaveformPeaks(channels, rate, frames);
    const analyzer = new StemAnalyzer(channels, rate);
    const out = resampler ? Array.from({ length: channels }, () => new Float32Array(resampler.maxOutputFrames(RESAMPLE_BLOCK_FRAMES))) : [];
    const sink = async (planes: Float32Array[], n: number) => {
      if (n === 0) return;
      analyzer.canonical(planes, n);
      peaks.process(planes, n);
      await writer!.write(planes, n);
    };

    for await (const block of source.blocks()) {
      const n = block[0].length;
      analyzer.source(block, n);
      if (!resampler) {
        await sink(block, n);
        continue;
      }
      for (let from = 0; from < n; from += RESAMPLE_BLOCK_FRAMES) {
        await sink(out, resampler.process(block, Math.min(RESAMPLE_BLOCK_FRAMES, n - from), out, from));
      }
    }
    if (resampler) await sink(out, resampler.flush(out));
    const sha256 = await writer.finish();
    writer = undefined;

    const metadata: StemMetadata = {
      format: source.info.format,
      sourceSampleRate: sourceRate,
      sampleRate: rate,
      channels,
      frames,
      durationSec: frames / rate,
      sourceBitDepth: source.info.sourceBitDepth,
    };
    const analysis = analyzer.result(frames, source.nonFiniteSamples);
    const peaksPath = join(options.outputDir, OUTPUT_FILES.peaks);
    const analysisPath = join(options.outputDir, OUTPUT_FILES.analysis);
    await peaks.write(peaksPath);
    await writeFile(analysisPath, JSON.stringify(analysis, null, 2));
    return { sha256, audioPath, peaksPath, analysisPath, metadata, analysis };
  } finally {
    await writer?.abort();
    await source.close();
  }
}
