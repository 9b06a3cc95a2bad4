import { AppError } from '../../lib/errors';

/** 422: the bytes are a format we read, but this file is broken or outside the limits. */
export function unprocessable(message: string, details?: Record<string, unknown>, cause?: unknown): AppError {
  return new AppError('unprocessable', { message, userMessage: message, details, cause });
}

/** 415: the bytes are not an audio format we read. */
export function unsupportedMedia(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('unsupported_media_type', { message, userMessage: message, details });
}

/** "9 hours", "1.5 hours", "25 minutes", "12 seconds": for messages about declared lengths. */
export function formatDuration(seconds: number): string {
  const unit = (value: number, name: string) => {
    const shown = Math.abs(value - Math.round(value)) < 0.05 ? String(Math.round(value)) : value.toFixed(1);
    return `${shown} ${name}${shown === '1' ? '' : 's'}`;
  };
  if (seconds >= 3600) return unit(seconds / 3600, 'hour');
  if (seconds >= 60) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}
