import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TARGET_IDS } from '../../lib/audio/mastering-targets';
import { analyzeFiles, formatReport, type TargetId } from './analyze-command';
import { publishCommand } from './publish-command';
import { RENDER_FORMATS, renderCommand, type RenderFormat } from './render-command';

const USAGE = `Usage:
  mixroom render --url URL --token TOKEN --project ID --out FILE
                 [--format f32|wav24|wav16|flac|mp3] [--bitrate KBPS] [--master] [--target PRESET] [--stems]
  mixroom analyze FILE... [--json] [--target PRESET] [--series]
  mixroom publish --url URL --token TOKEN --project ID --title TITLE [--notes TEXT] [--master]

render   Renders a project with Mixroom's engine, fetching the mix and the stems through the HTTP
         API: the mix (pre-master), or with --master the master section too; --target PRESET
         masters to that preset (implies --master). --stems writes each track through its strip,
         post-fader, one file each, into the folder --out names. Formats: f32 (32-bit float WAV,
         never clamped), wav24, wav16 (TPDF-dithered), flac (24-bit; 16-bit dithered for CD), mp3
         (--bitrate, default 320). Prints the provenance hash.
analyze  Loudness (BS.1770 / EBU R128), true peak and a quality report of WAV, AIFF, FLAC and MP3
         files. --json prints only JSON on stdout (an object for one file, an array for several);
         --target adds what that platform does on playback; --series adds short-term loudness
         every 100 ms. A file that cannot be read is reported and the exit code is 1.
publish  Publishes the project's live mix (or with --master its master) as a new revision,
         renders that revision with the same engine as the browser, and uploads the render
         (24-bit WAV); the server measures it and keeps it. Prints the revision number, its
         loudness and the provenance hash.

Presets: ${TARGET_IDS.join(', ')}, custom (render: the project's own).`;

function fail(message: string): never {
  process.stderr.write(`mixroom: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** parseArgs, with a usage error on anything it refuses. */
function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    return fail((err as Error).message);
  }
}

function targetOption(value: string | undefined): TargetId | undefined {
  if (value === undefined) return undefined;
  if (!(TARGET_IDS as string[]).includes(value)) fail(`--target must be one of ${TARGET_IDS.join(', ')}`);
  return value as TargetId;
}

async function analyze(args: string[]): Promise<void> {
  const { values, positionals } = parse({
    args,
    options: { json: { type: 'boolean' }, target: { type: 'string' }, series: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) fail('analyze needs at least one file');
  const target = targetOption(values.target);
  const reports = await analyzeFiles(positionals, { target, series: values.series === true }, (line) => process.stderr.write(`${line}\n`));
  if (values.json) {
    const json = JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2);
    process.stdout.write(`${json}\n`);
  } else {
    process.stdout.write(`${reports.map(formatReport).join('\n\n')}\n`);
  }
  const failed = reports.filter((r) => 'error' in r);
  for (const f of failed) if ('error' in f) process.stderr.write(`mixroom: ${f.file}: ${f.error}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

async function render(args: string[]): Promise<void> {
  const { values } = parse({
    args,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      project: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'f32' },
      bitrate: { type: 'string' },
      master: { type: 'boolean' },
      target: { type: 'string' },
      stems: { type: 'boolean' },
    },
    strict: true,
  });
  for (const name of ['url', 'token', 'project', 'out'] as const) if (!values[name]) fail(`--${name} is required`);
  const format = values.format!;
  if (!(format in RENDER_FORMATS)) fail(`--format must be one of ${Object.keys(RENDER_FORMATS).join(', ')}`);
  const bitrate = values.bitrate === undefined ? undefined : Number(values.bitrate);
  if (bitrate !== undefined && (format !== 'mp3' || ![128, 160, 192, 224, 256, 320].includes(bitrate))) fail('--bitrate is for mp3: 128, 160, 192, 224, 256 or 320');
  const target = targetOption(values.target);
  if (values.stems && (values.master || target)) fail('--stems renders tracks, not the master: leave out --master and --target');
  const started = Date.now();
  const result = await renderCommand({
    url: values.url!,
    token: values.token!,
    project: values.project!,
    out: values.out!,
    format: format as RenderFormat,
    bitrate,
    master: values.master === true || target !== undefined,
    target,
    stems: values.stems === true,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const seconds = result.frames / result.sampleRate;
  for (const file of result.files) process.stderr.write(`wrote ${file}\n`);
  process.stderr.write(`${seconds.toFixed(2)} s at ${result.sampleRate} Hz in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (result.summary) process.stderr.write(`${result.summary}\n`);
  for (const item of result.qc) process.stderr.write(`${item.severity}: ${item.message}\n`);
  process.stdout.write(`provenance sha256:${result.provenance}\n`);
}

async function publish(args: string[]): Promise<void> {
  const { values } = parse({
    args,
    options: { url: { type: 'string' }, token: { type: 'string' }, project: { type: 'string' }, title: { type: 'string' }, notes: { type: 'string' }, master: { type: 'boolean' } },
    strict: true,
  });
  for (const name of ['url', 'token', 'project', 'title'] as const) if (!values[name]) fail(`--${name} is required`);
  const result = await publishCommand({
    url: values.url!,
    token: values.token!,
    project: values.project!,
    title: values.title!,
    notes: values.notes,
    master: values.master === true,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const lufs = result.render.integratedLufs === null ? '-inf' : result.render.integratedLufs.toFixed(1);
  process.stderr.write(`revision ${result.revision.number}: ${result.render.durationSec.toFixed(2)} s, ${lufs} LUFS, true peak ${result.render.truePeakDbtp.toFixed(2)} dBTP\n`);
  for (const item of result.render.qc) process.stderr.write(`${item.severity}: ${item.message}\n`);
  process.stdout.write(`revision ${result.revision.number} ${result.revision.id}\nprovenance sha256:${result.provenance}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'render') return render(rest);
  if (command === 'analyze') return analyze(rest);
  if (command === 'publish') return publish(rest);
  fail(`unknown command ${command}`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`mixroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
