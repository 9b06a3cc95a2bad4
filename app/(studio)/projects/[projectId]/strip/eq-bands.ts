import type { EqBandName } from '../../../../../lib/doc';

/** How accessible names spell each band: "Bass EQ peak 1 gain". */
export const EQ_BAND_LABELS: Record<EqBandName, string> = {
  highpass: 'high-pass',
  lowpass: 'low-pass',
  lowShelf: 'low shelf',
  peak1: 'peak 1',
  peak2: 'peak 2',
  highShelf: 'high shelf',
};

/** Column titles in the EQ panel. */
export const EQ_BAND_TITLES: Record<EqBandName, string> = {
  highpass: 'HPF',
  lowpass: 'LPF',
  lowShelf: 'Low shelf',
  peak1: 'Peak 1',
  peak2: 'Peak 2',
  highShelf: 'High shelf',
};

/** One colour per band, for its knobs and its handle on the curve; all readable on the dark panels. */
export const EQ_BAND_COLORS: Record<EqBandName, string> = {
  highpass: '#7cc4ff',
  lowpass: '#b99bff',
  lowShelf: '#4ade80',
  peak1: '#ffb224',
  peak2: '#ff7eb6',
  highShelf: '#3dd6c6',
};
