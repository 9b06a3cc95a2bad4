import { parseArgs } from 'node:util';
import { RENDER_FORMATS, renderCommand, type RenderFormat } from './render-command';

const USAGE = `Usage:
  mixroom render --url URL --token TOKEN --project ID --out FILE [--format f32|wav24]

Renders a project's mix (pre-master) with Mixroom's engine, fetching the mix and the stems
through the HTTP API. f32 is a 32-bit float WAV (never clamped), wav24 a 24-bit PCM WAV.`;

function fail(message: string): never {
  process.stderr.write(`mixroom: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== 'render') fail(`unknown command ${command}`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        project: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'f32' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  for (const name of ['url', 'token', 'project', 'out'] as const) if (!values[name]) fail(`--${name} is required`);
  if (!(values.format! in RENDER_FORMATS)) fail(`--format must be one of ${Object.keys(RENDER_FORMATS).join(', ')}`);
  const started = Date.now();
  const result = await renderCommand({
    url: values.url!,
    token: values.token!,
    project: values.project!,
    out: values.out!,
    format: values.format as RenderFormat,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const seconds = result.frames / result.sampleRate;
  process.stderr.write(`wrote ${values.out} (${seconds.toFixed(2)} s at ${result.sampleRate} Hz) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`mixroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
