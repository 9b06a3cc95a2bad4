import { readFileSync } from 'node:fs';

export const print = (line: string) => process.stdout.write(`${line}\n`);
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Load average and CPU pressure (share of the last 10 s some task waited for a CPU): the machine is shared. */
export function load(): string {
  const avg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  let pressure = '';
  try {
    pressure = `, cpu pressure ${/avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1]}%`;
  } catch {
    // no PSI on this kernel
  }
  return `load ${avg}${pressure}`;
}
