import { bind } from '../services/create-services';
import type { StemContext } from '../stems/stems';
import * as references from './references';

/** The reference-track use cases bound to the stems' context (the same storage and ingest). */
export function createReferenceService(ctx: StemContext) {
  const { createReferenceFromUpload, listReferences, readReferenceAudio, deleteReference } = references;
  return bind(ctx, { createReferenceFromUpload, listReferences, readReferenceAudio, deleteReference });
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
