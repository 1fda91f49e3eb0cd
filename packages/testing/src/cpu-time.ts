import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in clock ticks of 10 ms (USER_HZ = 100 on every mainstream build). */
const MS_PER_TICK = 10;

/** User + system CPU milliseconds of a process, or undefined where /proc is not readable. */
function processCpuMs(pid: number | string): number | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields start after the last ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of each process named `name` (e.g. every PostgreSQL backend), by pid. */
function namedCpuMs(name: string): ReadonlyMap<string, number> {
  const byPid = new Map<string, number>();
  if (process.platform !== 'linux') return byPid;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
      const ms = processCpuMs(pid);
      if (ms !== undefined) byPid.set(pid, ms);
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/** CPU spent between two readings by the processes alive at the second (a backend may start or end). */
function namedDelta(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export interface CpuSnapshot {
  readonly server: number | undefined;
  readonly postgres: ReadonlyMap<string, number>;
  readonly loadGenerator: number;
}

/**
 * Where the CPU of a run goes: the server process, PostgreSQL (all its processes on this machine)
 * and this process (the load generator). Throughput on a shared 2-core machine depends on what
 * else runs; CPU time per request does much less, so it says which side to make cheaper.
 */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    server: serverPid === undefined ? undefined : processCpuMs(serverPid),
    postgres: namedCpuMs('postgres'),
    loadGenerator: (own.user + own.system) / 1000,
  };
}

/** `cpu_us_per_request server=… postgres=… load_generator=…` between two snapshots. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): string {
  const perRequest = (from: number | undefined, to: number | undefined): string =>
    from === undefined || to === undefined || requests === 0
      ? 'n/a'
      : (((to - from) * 1000) / requests).toFixed(1);
  return (
    `cpu_us_per_request server=${perRequest(before.server, after.server)} ` +
    `postgres=${perRequest(0, namedDelta(before.postgres, after.postgres))} ` +
    `load_generator=${perRequest(before.loadGenerator, after.loadGenerator)}`
  );
}
