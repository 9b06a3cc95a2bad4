/** A timeline position as minutes, seconds and milliseconds: "1:05.250". */
export function formatPosition(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.floor((ms % 60000) / 1000);
  return `${minutes}:${String(seconds).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}
