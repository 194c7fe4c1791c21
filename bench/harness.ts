/**
 * The benchmark harness: each `bench/*.bench.ts` default-exports a {@link Benchmark}. Results are
 * ratios against a baseline measured in the same run, so they survive a change of machine.
 */
import { cpus, totalmem } from 'node:os'

/** One measured quantity. */
export interface Measurement {
  readonly label: string
  readonly seconds: number
  /** Extra figures (rows, files rewritten, MB, …). */
  readonly extra?: Readonly<Record<string, number | string>>
}

/** What a benchmark reports. */
export interface BenchResult {
  readonly name: string
  readonly measurements: readonly Measurement[]
  /** Human-readable ratio lines, e.g. "pitwall append / DuckDB COPY = 1.3×". */
  readonly ratios: readonly string[]
}

/** A benchmark. */
export interface Benchmark {
  readonly name: string
  run(): Promise<BenchResult>
}

/** Times `fn` once; returns seconds and its result. */
export async function time<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { seconds: (performance.now() - started) / 1000, value }
}

/** The machine the benchmarks ran on. */
export function machine(): string {
  const cpu = cpus()
  return `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
}
