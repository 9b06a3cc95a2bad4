import type { MixSnapshot } from '../../doc/read-mix';

/**
 * The engine's version as provenance records it. Change it whenever the same inputs would give
 * other samples or other bytes (DSP, operation order, encoders, their settings).
 */
export const ENGINE_VERSION = 'mixroom-engine/3 (master section, inserts, clips; libflacjs 5.6.0, @breezystack/lamejs 1.2.7)';

export interface ProvenanceInput {
  snapshot: MixSnapshot;
  /** SHA-256 (hex) of each stem's canonical audio, by stem id. */
  stemHashes: Readonly<Record<string, string>>;
  /** Everything that chose what was rendered and how it was encoded. */
  options: Readonly<Record<string, unknown>>;
}

/** JSON with object keys sorted at every level, so equal data gives equal text in any engine. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of bytes as lower-case hex (WebCrypto: the same in a Web Worker and in Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The provenance hash of a render: SHA-256 over the canonical JSON of the engine version, the
 * rendered document state (its MixSnapshot), the stem hashes and the options.
 */
export function provenanceHash(input: ProvenanceInput): Promise<string> {
  const text = canonicalJson({ engine: ENGINE_VERSION, document: input.snapshot, stems: input.stemHashes, options: input.options });
  return sha256Hex(new TextEncoder().encode(text));
}
