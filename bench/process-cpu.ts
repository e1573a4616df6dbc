// Where the machine's CPU went during a measurement: the servers (each with
// every process it started), the local PostgreSQL's processes, this load
// generator, and what stayed idle. A "two instances ÷ one" figure can only
// rise above one if the one-instance rounds left CPU unused; this says
// whether they did. Linux only (/proc); elsewhere it reports nothing.

import fs from "node:fs";

const ticksPerSecond = 100; // USER_HZ on every Linux this runs on

type Stat = { pid: number; ppid: number; comm: string; ticks: number };

function readStats(): Stat[] {
  const stats: Stat[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // comm is in parentheses and may hold spaces; the fields after it are space-separated.
      const close = text.lastIndexOf(")");
      const comm = text.slice(text.indexOf("(") + 1, close);
      const fields = text.slice(close + 2).split(" ");
      stats.push({ pid: Number(name), ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended between readdir and read
    }
  }
  return stats;
}

/** The machine's idle (with I/O wait) and busy time, all cores, from the first line of /proc/stat. */
function machineTicks(): { idle: number; busy: number } {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = cpu[3] + cpu[4];
  return { idle, busy: cpu.reduce((a, b) => a + b, 0) - idle };
}

function descendants(stats: Stat[], roots: number[]): Set<number> {
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!out.has(s.pid) && out.has(s.ppid)) {
        out.add(s.pid);
        grew = true;
      }
    }
  }
  return out;
}

/** A process's main thread (its JavaScript, for Node) alone: the thread whose id is the process's. */
function mainThreadTicks(pid: number): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

type Sample = { at: number; servers: number; serverMainThreads: number; database: number; generator: number; idle: number; busy: number };

function sample(serverPids: number[]): Sample {
  const stats = readStats();
  const servers = descendants(stats, serverPids);
  let s = 0;
  let m = 0;
  let d = 0;
  let g = 0;
  for (const stat of stats) {
    if (servers.has(stat.pid)) {
      s += stat.ticks;
      if (stat.comm.startsWith("next-server")) m += mainThreadTicks(stat.pid);
    } else if (stat.comm === "postgres") d += stat.ticks;
    else if (stat.pid === process.pid) g += stat.ticks;
  }
  return { at: performance.now(), servers: s, serverMainThreads: m, database: d, generator: g, ...machineTicks() };
}

/** Cores kept busy on average; `other`: everything else that ran (the kernel's threads, other processes), `idle` includes I/O wait. */
export type CpuShare = {
  seconds: number;
  servers: number;
  serverMainThreads: number;
  database: number;
  generator: number;
  other: number;
  idle: number;
};

/** Starts counting; the returned function gives the cores each group kept busy (on average) since. */
export function startCpuAccount(serverPids: number[]): () => CpuShare | null {
  if (!fs.existsSync("/proc/stat")) return () => null;
  const before = sample(serverPids);
  return () => {
    const after = sample(serverPids);
    const seconds = (after.at - before.at) / 1000;
    const cores = (ticks: number) => ticks / ticksPerSecond / seconds;
    return {
      seconds,
      servers: cores(after.servers - before.servers),
      serverMainThreads: cores(after.serverMainThreads - before.serverMainThreads),
      database: cores(after.database - before.database),
      generator: cores(after.generator - before.generator),
      other: cores(
        after.busy - before.busy - (after.servers - before.servers) - (after.database - before.database) - (after.generator - before.generator),
      ),
      idle: cores(after.idle - before.idle),
    };
  };
}

/** Each group's median over rounds, by `median` (the caller's own). */
export function medianShare(shares: (CpuShare | null)[], median: (xs: number[]) => number): CpuShare | null {
  const known = shares.filter((s): s is CpuShare => s !== null);
  if (known.length === 0) return null;
  const of = (k: keyof CpuShare) => median(known.map((s) => s[k]));
  return {
    seconds: of("seconds"),
    servers: of("servers"),
    serverMainThreads: of("serverMainThreads"),
    database: of("database"),
    generator: of("generator"),
    other: of("other"),
    idle: of("idle"),
  };
}

/** "servers 1.02 (their main threads 0.80), database 0.61, generator 0.20, other 0.05, idle 0.10 cores" */
export function describeCpuShare(share: CpuShare | null, perSecond?: number): string {
  if (!share) return "no /proc here";
  const busy = share.servers + share.database + share.generator + share.other;
  const each = perSecond ? `; ${((busy / perSecond) * 1000).toFixed(2)} ms of CPU in all per response` : "";
  return `servers ${share.servers.toFixed(2)} (their main threads ${share.serverMainThreads.toFixed(2)}), database ${share.database.toFixed(2)}, generator ${share.generator.toFixed(2)}, other ${share.other.toFixed(2)}, idle ${share.idle.toFixed(2)} cores${each}`;
}
