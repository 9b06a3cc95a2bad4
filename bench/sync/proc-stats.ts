import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`; 100 on Linux x86-64). */
const CLK_TCK = 100;

export interface CpuSample {
  /** utime + stime of the process (all its threads), in seconds. */
  cpuSec: number;
  /** performance.now() when read, in ms. */
  at: number;
}

/** CPU time of one process from /proc/<pid>/stat; undefined once it is gone. */
export function readCpu(pid: number): CpuSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { cpuSec: (utime + stime) / CLK_TCK, at: performance.now() };
  } catch {
    return undefined;
  }
}

/** CPU use between two samples as % of one core. */
export function cpuPercent(from: CpuSample | undefined, to: CpuSample | undefined): number {
  if (!from || !to || to.at <= from.at) return NaN;
  return ((to.cpuSec - from.cpuSec) / ((to.at - from.at) / 1000)) * 100;
}

/** Sum of several processes' CPU (e.g. the PostgreSQL backends of the bench database). */
export function readCpuSum(pids: readonly number[]): CpuSample {
  let cpuSec = 0;
  for (const pid of pids) cpuSec += readCpu(pid)?.cpuSec ?? 0;
  return { cpuSec, at: performance.now() };
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
export function readRss(pid: number): { rssMiB: number; peakMiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, peakMiB: NaN };
  }
}

/** The bench process's own CPU (event loop plus its threads), for spotting a client-bound run. */
export function ownCpu(): CpuSample {
  const u = process.cpuUsage();
  return { cpuSec: (u.user + u.system) / 1e6, at: performance.now() };
}

export interface MachineSample {
  busySec: number;
  /** /proc/pressure/cpu "some" total: time at least one runnable task waited for a CPU, in s. */
  waitSec: number;
  at: number;
}

/** Machine-wide CPU busy time (all cores) and CPU pressure, to see load from other processes. */
export function readMachine(): MachineSample {
  let busySec = NaN;
  let waitSec = NaN;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    busySec = (cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) / CLK_TCK;
  } catch {
    /* not Linux */
  }
  try {
    const some = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (some) waitSec = Number(some[1]) / 1e6;
  } catch {
    /* no PSI */
  }
  return { busySec, waitSec, at: performance.now() };
}

/** Busy % (of one core, so up to 100 x cores) and CPU-pressure % between two samples. */
export function machineLoad(from: MachineSample, to: MachineSample): { busy: number; pressure: number } {
  const s = (to.at - from.at) / 1000;
  return { busy: ((to.busySec - from.busySec) / s) * 100, pressure: ((to.waitSec - from.waitSec) / s) * 100 };
}
