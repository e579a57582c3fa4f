/** Types of bench-line.mjs, for the TypeScript benchmarks that print its lines. */
export interface BenchTarget {
  max: number;
  of: 'value' | 'ratio';
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  floor: number | null;
  ratio: number | null;
  target: BenchTarget | number | null;
}

export declare const BENCH_PREFIX: string;
export declare function benchLine(result: {
  name: string;
  value: number;
  unit: string;
  floor?: number | null;
  target?: BenchTarget | number | null;
}): BenchResult;
export declare function targetMet(result: BenchResult): boolean | null;
export declare function median(values: readonly number[]): number;
