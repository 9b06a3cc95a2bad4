import type { PcmLayout } from './pcm-layout';

/**
 * Converts `frames` interleaved frames of `bytes` to planar float32 in `out` (from index 0).
 * Integers map to value / 2^(bits-1) of their container: 8-, 16- and 24-bit samples are exact in
 * float32; 32-bit integers are rounded to float32's 24-bit significand (the bits below 2^-24 of
 * full scale, about -144 dB, are lost). float64 is rounded to the nearest float32. NaN and
 * infinities become 0; the count of them is returned.
 */
export function decodePcm(bytes: Uint8Array, layout: PcmLayout, frames: number, out: Float32Array[]): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { channels, bytesPerSample: size, littleEndian: le } = layout;
  let nonFinite = 0;
  for (let ch = 0; ch < channels; ch++) {
    const o = out[ch];
    let p = ch * size;
    const stride = channels * size;
    switch (`${layout.encoding}${size}`) {
      case 'uint1':
        for (let n = 0; n < frames; n++, p += stride) o[n] = (bytes[p] - 128) / 128;
        break;
      case 'int1':
        for (let n = 0; n < frames; n++, p += stride) o[n] = view.getInt8(p) / 128;
        break;
      case 'int2':
        for (let n = 0; n < frames; n++, p += stride) o[n] = view.getInt16(p, le) / 32768;
        break;
      case 'int3': {
        // The sign comes from shifting the top byte into bit 31 and back; 2^-23 is exact.
        const scale = 1 / 8388608;
        if (le) for (let n = 0; n < frames; n++, p += stride) o[n] = (((bytes[p + 2] << 24) >> 8) | (bytes[p + 1] << 8) | bytes[p]) * scale;
        else for (let n = 0; n < frames; n++, p += stride) o[n] = (((bytes[p] << 24) >> 8) | (bytes[p + 1] << 8) | bytes[p + 2]) * scale;
        break;
      }
      case 'int4':
        for (let n = 0; n < frames; n++, p += stride) o[n] = view.getInt32(p, le) / 2147483648;
        break;
      case 'float4':
        for (let n = 0; n < frames; n++, p += stride) {
          const v = view.getFloat32(p, le);
          if (Number.isFinite(v)) o[n] = v;
          else (o[n] = 0), nonFinite++;
        }
        break;
      case 'float8':
        for (let n = 0; n < frames; n++, p += stride) {
          const v = view.getFloat64(p, le);
          if (Number.isFinite(v)) o[n] = v;
          else (o[n] = 0), nonFinite++;
        }
        break;
      default:
        throw new Error(`decodePcm: no decoder for ${layout.encoding} of ${size} bytes`);
    }
  }
  return nonFinite;
}
