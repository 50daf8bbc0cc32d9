/**
 * Host processes and process groups, as the stand-ins need them: a stand-in leads its own group, so
 * killing the group also ends what it started. Linux's /proc tells a zombie (dead, not yet reaped:
 * PID 1 in a container may never reap) from a live process, and a process's start time tells a reused
 * pid from the one recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  /** One-letter state (`R`, `S`, `Z`, ...). */
  state: string;
  /** Process-group id. */
  pgrp: number;
  /** Start time in clock ticks after boot. */
  startTime: string;
}

const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

function procStat(pid: number | string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: fields after it start at 3.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

const dead = (stat: ProcStat): boolean => stat.state === 'Z' || stat.state === 'X';

function signalWorks(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The start time of a live process (undefined without /proc or when it is gone). */
export function processStartTime(pid: number): string | undefined {
  const stat = procStat(pid);
  return stat && !dead(stat) ? stat.startTime : undefined;
}

/** Whether the process recorded as `pid` (started at `startTime`, when known) still runs. */
export function processRunning(pid: number, startTime?: string): boolean {
  if (!HAS_PROC) return signalWorks(pid);
  const stat = procStat(pid);
  if (!stat || dead(stat)) return false;
  return startTime === undefined || stat.startTime === startTime;
}

/** Whether any live process is in group `pgid`. */
export function groupAlive(pgid: number): boolean {
  if (!HAS_PROC) return signalWorks(-pgid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat && stat.pgrp === pgid && !dead(stat)) return true;
  }
  return false;
}

/**
 * Whether group `pgid` is still the one a stand-in started at `startTime`: a live leader must have
 * that start time; with the leader gone, the pid cannot have been reused while its group has members.
 */
function groupIsOurs(pgid: number, startTime?: string): boolean {
  const leader = HAS_PROC ? procStat(pgid) : undefined;
  if (leader && !dead(leader) && startTime !== undefined && leader.startTime !== startTime) return false;
  return groupAlive(pgid);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (!groupAlive(pgid)) return true;
    if (Date.now() >= until) return false;
    await sleep(20);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Ends process group `pgid` as Pebble stops a service: SIGTERM, then SIGKILL after `killDelayMs`;
 * resolves once no live process is left in it. A group that is gone or not ours is left alone.
 */
export async function killGroup(
  pgid: number,
  startTime: string | undefined,
  killDelayMs: number,
): Promise<void> {
  if (!groupIsOurs(pgid, startTime)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await waitGone(pgid, killDelayMs)) return;
  signalGroup(pgid, 'SIGKILL');
  if (!(await waitGone(pgid, 5000))) throw new Error(`process group ${pgid} survived SIGKILL`);
}
