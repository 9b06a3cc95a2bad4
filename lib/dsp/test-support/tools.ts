import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExternalTool {
  name: string;
  path: string;
  available: boolean;
  /** True when the tests that need the tool must run (and fail if it is missing): it exists, or CI=true. */
  mustRun: boolean;
  skipReason: string;
}

/**
 * Finds a reference tool under /usr/bin. On CI (CI=true) a missing tool must fail the reference
 * tests rather than skip them, so `mustRun` is true there and `assertAvailable` throws.
 */
export function externalTool(name: string): ExternalTool {
  const path = `/usr/bin/${name}`;
  const available = existsSync(path);
  const ci = process.env.CI === 'true';
  return {
    name,
    path,
    available,
    mustRun: available || ci,
    skipReason: `${path} not found: reference test against ${name} skipped (set CI=true to make this a failure)`,
  };
}

export function assertAvailable(tool: ExternalTool): void {
  if (!tool.available) throw new Error(`${tool.path} is required on CI for this reference test but was not found`);
}

export function run(tool: ExternalTool, args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(tool.path, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${tool.name} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder removed by the returned cleanup. */
export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
