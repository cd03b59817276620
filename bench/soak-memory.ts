/**
 * The soaked server's memory: resident set size read from /proc/<pid>/status, and the heap still in
 * use after a full garbage collection (written by bench/soak-heap-probe.mjs inside the server).
 * "Flat" is judged on the run split in thirds: the first third is warm-up (JIT, caches, pools, the
 * first round of every job); the mean of the last third may exceed the mean of the second third by
 * no more than the tolerance. The slope over the two measured thirds is reported beside it.
 */
import fs from 'node:fs';

export interface MemorySample {
  /** Epoch milliseconds. */
  at: number;
  mb: number;
}

export interface Tolerance {
  /** Growth allowed, as a share of the second third's mean (0.15 = 15%). */
  share: number;
  /** Growth allowed in MB; the smaller of the two limits applies. */
  mb: number;
}

export interface MemoryTrend {
  samples: number;
  warmupSeconds: number;
  midMb: number;
  lastMb: number;
  growthMb: number;
  limitMb: number;
  /** Least-squares slope over the second and last thirds, MB per minute. */
  slopeMbPerMin: number;
  peakMb: number;
  ok: boolean;
}

const MB = 1024 * 1024;

export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null; // the process has exited
  }
}

/** Reads the server's RSS every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs: number): { stop(): MemorySample[] } {
  const samples: MemorySample[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ at: Date.now(), mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** The probe's lines: "<epoch ms> <heap bytes>". */
export function readHeapSamples(file: string): MemorySample[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number) as [number, number])
    .map(([at, bytes]) => ({ at, mb: bytes / MB }));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Least-squares slope of points (seconds, MB), in MB per minute. */
function slope(points: { t: number; mb: number }[]): number {
  const mt = mean(points.map((p) => p.t));
  const mm = mean(points.map((p) => p.mb));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.mb - mm);
    den += (p.t - mt) ** 2;
  }
  return den ? (num / den) * 60 : 0;
}

/** The trend of a run of `seconds` that started at `startedAt`; null when a third has no sample. */
export function memoryTrend(samples: MemorySample[], startedAt: number, seconds: number, tolerance: Tolerance): MemoryTrend | null {
  const third = seconds / 3;
  const points = samples.map((s) => ({ t: (s.at - startedAt) / 1000, mb: s.mb })).filter((p) => p.t >= 0);
  const mid = points.filter((p) => p.t >= third && p.t < 2 * third);
  const last = points.filter((p) => p.t >= 2 * third);
  if (!mid.length || !last.length) return null;
  const midMb = mean(mid.map((s) => s.mb));
  const lastMb = mean(last.map((s) => s.mb));
  const limitMb = Math.min(midMb * tolerance.share, tolerance.mb);
  return {
    samples: points.length,
    warmupSeconds: third,
    midMb,
    lastMb,
    growthMb: lastMb - midMb,
    limitMb,
    slopeMbPerMin: slope([...mid, ...last]),
    peakMb: Math.max(...points.map((p) => p.mb)),
    ok: lastMb - midMb <= limitMb,
  };
}
