import { Transform } from 'node:stream';
import { AppError } from '../../lib/errors';

/** Passes bytes through while counting them, and fails the stream with `payload_too_large` past `maxBytes`. */
export function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new AppError('payload_too_large', { message: `blob exceeds ${maxBytes} bytes`, details: { maxBytes } }));
      else done(null, chunk);
    },
  });
}
