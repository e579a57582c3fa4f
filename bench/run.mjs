// Every benchmark of the project, one after another (ingest, build, sync, grid, export): each prints
// its own tables and `BENCH {json}` lines; this runner collects those lines, prints one table of
// ratios against floors with each target met or missed, and writes bench/results/latest.json and
// latest.md (the same table in Markdown, for docs/performance.md).
// Usage: npm run bench [-- --quick]   (--quick: smaller scales, a few minutes instead of an hour)
//        npm run bench -- --only grid,export
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PREFIX, targetMet } from './bench-line.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const BENCHES = [
  {
    name: 'ingest',
    command: [bin('jiti'), 'bench/ingest.ts'],
    env: quick ? { BENCH_RUNS: '1' } : {},
  },
  {
    name: 'build',
    command: [bin('vitest'), 'run', '-c', 'bench/build.vitest.config.mts'],
    // 1,000,000 altas takes about 5 minutes and 10 GB: BENCH_SIZES=3000,100000,1000000 asks for it.
    env: { BENCH_SIZES: process.env.BENCH_SIZES ?? (quick ? '3000' : '3000,100000') },
  },
  { name: 'sync', command: ['node', 'bench/sync.mjs'], env: { BENCH_DAYS: quick ? '1' : '3' } },
  { name: 'grid', command: ['node', 'bench/grid.mjs', quick ? '100000' : '1000000'], env: {} },
  {
    name: 'export',
    command: ['node', '--expose-gc', 'bench/export.mjs', quick ? '100000' : '100000,1000000'],
    env: {},
  },
];

/** Runs one benchmark, echoing its output, and returns its BENCH results and exit code. */
function run(bench) {
  return new Promise((resolve) => {
    const [command, ...rest] = bench.command;
    const child = spawn(command, rest, { cwd: root, env: { ...process.env, ...bench.env } });
    const results = [];
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const at = line.indexOf(BENCH_PREFIX);
        if (at >= 0) results.push({ bench: bench.name, ...JSON.parse(line.slice(at + BENCH_PREFIX.length)) });
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => resolve({ code, results }));
  });
}

const started = new Date();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverageBefore: loadavg().map((load) => Number(load.toFixed(2))),
};
const all = [];
const failures = [];
for (const bench of BENCHES.filter((b) => !only || only.has(b.name))) {
  console.log(`\n=== ${bench.name}: ${bench.command.join(' ')}`);
  const benchStarted = performance.now();
  const { code, results } = await run(bench);
  console.log(
    `=== ${bench.name}: exit ${code} after ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
  );
  if (code !== 0) failures.push(bench.name);
  all.push(...results);
}

const verdict = (result) => ({ true: 'met', false: 'MISSED', null: '-' })[String(targetMet(result))];
const targetText = (target) => {
  if (target === null || target === undefined) return '-';
  if (typeof target === 'number') return `ratio <= ${target}`;
  return target.of === 'ratio' ? `ratio <= ${target.max}` : `<= ${target.max}`;
};
console.log(
  `\nBenchmarks ${quick ? '(quick) ' : ''}on ${machine.cpus} cores, load before ${machine.loadAverageBefore.join(' ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const table = all.map((result) => ({
  benchmark: result.name,
  value: `${result.value} ${result.unit}`,
  floor: result.floor === null ? '-' : `${result.floor} ${result.unit}`,
  ratio: result.ratio ?? '-',
  target: targetText(result.target),
  verdict: verdict(result),
}));
console.table(table);
if (failures.length)
  console.log(
    `benchmarks that exited non-zero (failed, or missed a target they check themselves): ${failures.join(', ')}`,
  );

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'latest.json'),
  `${JSON.stringify({ started: started.toISOString(), quick, machine, loadAverageAfter: loadavg(), failures, results: all.map((r) => ({ ...r, met: targetMet(r) })) }, null, 2)}\n`,
);
const markdown = [
  '| benchmark | value | floor | ratio | target | verdict |',
  '| --- | --- | --- | --- | --- | --- |',
  ...table.map((row) => `| ${Object.values(row).join(' | ')} |`),
];
writeFileSync(join(root, 'bench', 'results', 'latest.md'), `${markdown.join('\n')}\n`);
console.log('written: bench/results/latest.json, bench/results/latest.md');
process.exitCode = failures.length ? 1 : 0;
