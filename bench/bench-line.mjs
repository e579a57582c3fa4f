// The one line every benchmark prints per measured result, for bench/run.mjs to collect:
//   BENCH {"name", "value", "unit", "floor", "ratio", "target"}
// floor: the same work done the simplest way the machine allows (same unit as value), or null;
// ratio: value / floor; target: { max, of: 'value' | 'ratio' }: met when that number is at most max
// (a plain number, as bench/ingest.ts prints, is a maximum ratio).

export const BENCH_PREFIX = 'BENCH ';

/** Prints one result line and returns it. */
export function benchLine({ name, value, unit, floor = null, target = null }) {
  const ratio = floor ? Number((value / floor).toFixed(2)) : null;
  const line = {
    name,
    value: Number(value.toFixed(2)),
    unit,
    floor: floor === null ? null : Number(floor.toFixed(2)),
    ratio,
    target,
  };
  console.log(`${BENCH_PREFIX}${JSON.stringify(line)}`);
  return line;
}

/** Whether a result meets its target (null when it has none). */
export function targetMet(result) {
  const target = typeof result.target === 'number' ? { max: result.target, of: 'ratio' } : result.target;
  if (!target) return null;
  const measured = target.of === 'ratio' ? result.ratio : result.value;
  return measured !== null && measured <= target.max;
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
