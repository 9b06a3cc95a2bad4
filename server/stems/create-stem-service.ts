import { bind } from '../services/create-services';
import type { StemContext } from './stems';
import * as stems from './stems';

/** The stem use cases bound to their context, for route handlers (through the app context). */
export function createStemService(ctx: StemContext) {
  const { createStemFromUpload, collectStemGarbage, getStem, getProjectMix, readStemAudio, readStemPeaks } = stems;
  return bind(ctx, { createStemFromUpload, collectStemGarbage, getStem, getProjectMix, readStemAudio, readStemPeaks });
}

export type StemService = ReturnType<typeof createStemService>;
