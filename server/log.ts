import pino, { type Logger } from 'pino';

export type { Logger };

/** The one real logger. Tests pass level 'silent'. */
export function createLogger(level: pino.LevelWithSilent = 'info'): Logger {
  return pino({ level, base: { app: 'mixroom' } });
}
