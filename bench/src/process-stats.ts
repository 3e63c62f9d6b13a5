import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on every Linux we run on). */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;

/** A process the bench watches, with the name its report uses. */
export interface WatchedProcess {
  readonly name: string;
  readonly pid: number;
}

/** The fields after the command name in /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The parent pid of `pid`, if it is still running. */
export function parentPid(pid: number): number | undefined {
  const parent = Number(statFields(pid)?.[1]);
  return Number.isFinite(parent) ? parent : undefined;
}

/** The oldest running process whose command name (`/proc/<pid>/comm`) is `name`. */
export function processNamed(name: string): number | undefined {
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    });
  return pids.length > 0 ? Math.min(...pids) : undefined;
}

/** `pid` and all its descendants (a gateway that forks workers is measured as a whole). */
function processTree(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(parent)) continue;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    tree.push(next);
    pending.push(...(childrenOf.get(next) ?? []));
  }
  return tree;
}

/**
 * User plus system CPU seconds used so far by `pid` and its descendants, those that exited included
 * (PostgreSQL's backends of closed connections): a process's reaped children count in its own stat.
 */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    const fields = statFields(member);
    // utime, stime, cutime and cstime are fields 14 to 17 of stat, i.e. 11 to 14 after the command name.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of `pid` and its descendants, in bytes. */
export function rssBytes(pid: number): number {
  return sumOverTree(pid, (member) => Number(readFileSync(`/proc/${member}/statm`, 'utf8').split(' ')[1])) * PAGE_SIZE_BYTES;
}

/**
 * Proportional set size of `pid` and its descendants, in bytes: each resident page divided by the
 * number of processes that map it (`Pss` of /proc/<pid>/smaps_rollup). Unlike RSS, the Node binary's
 * pages shared by every service count once across them, so a sum of PSS is physical memory used.
 */
export function pssBytes(pid: number): number {
  return (
    sumOverTree(pid, (member) => Number(/^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${member}/smaps_rollup`, 'utf8'))?.[1] ?? 0)) * 1024
  );
}

/** `read` of every process of `pid`'s tree, summed; a process that exited meanwhile counts nothing. */
function sumOverTree(pid: number, read: (member: number) => number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      total += read(member);
    } catch {
      // the process exited between the listing and the read
    }
  }
  return total;
}

/** CPU seconds of each watched process now, by name. */
export function cpuSnapshot(processes: readonly WatchedProcess[]): Map<string, number> {
  return new Map(processes.map((process) => [process.name, cpuSeconds(process.pid)]));
}

/** CPU seconds each process spent since `before`, by name. */
export function cpuSince(before: ReadonlyMap<string, number>, processes: readonly WatchedProcess[]): Record<string, number> {
  return Object.fromEntries(processes.map((process) => [process.name, cpuSeconds(process.pid) - (before.get(process.name) ?? 0)]));
}

/** The machine's load averages (1, 5, 15 minutes). */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [one!, five!, fifteen!];
}
