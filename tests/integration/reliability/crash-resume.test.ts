import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app/create-app';
import { LandingStore } from '../../../src/main/landing/store';
import { generateWorld, worldAsOf, writeWorldFiles } from '../../sim/index';
import { startS3rver, TEST_BUCKET, TEST_CREDENTIALS } from '../stage/s3-server';
import { type ChildState, CLI, runCli } from './cli-child';
import { type GoodFile, landGoodFiles, writeGoodPortalFiles } from './good-files';
import { rawTotals } from './raw-totals';

/**
 * `puente sync` in a child process, SIGKILLed at each step boundary and in the middle of landing,
 * staging, loading and building, then run again: the warehouse must equal that of an uninterrupted
 * run (rows, money sums, files, no row twice), and the rerun takes over the dead run's lock.
 */

const built = existsSync(CLI);
if (!built) console.warn(`crash-resume tests skipped: ${CLI} is missing; run \`npm run build\` first`);

let workDir: string;
let sources: { cfdiDir: string; paqFile: string };
let portalFiles: GoodFile[];
let reference: Record<string, string>;
let referenceMs: number;
let s3: Awaited<ReturnType<typeof startS3rver>>;
/** Objects the S3 server has received so far (from its ObjectCreated events). */
let s3Objects = 0;
/** Static keys for the S3 test server, given to the child the way an operator's environment would. */
const S3_ENV = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: 'true',
};

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * A fresh data dir: settings pointing at the CFDI folder and PAQ workbook (and at the S3 test server
 * when asked), portal downloads landed. The settings file holds only these keys, so the built command
 * line reads it even when it is older than the source.
 */
async function preparedDataDir(stage: 'local' | 's3' = 'local'): Promise<string> {
  const dataDir = mkdtempSync(join(workDir, 'data-'));
  const settings = {
    cfdiFolders: [sources.cfdiDir],
    paqWorkbook: { file: sources.paqFile, sheet: 'Reporte Paq' },
    ...(stage === 's3'
      ? { stage: { kind: 's3', bucket: TEST_BUCKET, prefix: `${basename(dataDir)}/`, endpoint: s3.endpoint } }
      : {}),
  };
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  await landGoodFiles(await LandingStore.open(dataDir), portalFiles);
  return dataDir;
}

async function totalsOf(dataDir: string): Promise<Record<string, string>> {
  const app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'x' }, logOut: quiet() });
  try {
    return await rawTotals(await app.warehouse());
  } finally {
    await app.close();
  }
}

const sync = (dataDir: string, killWhen?: (state: ChildState) => boolean, build = true) =>
  runCli(['--data-dir', dataDir, 'sync', ...(build ? [] : ['--no-build'])], killWhen, S3_ENV);

const stagedLocally = (dataDir: string) =>
  existsSync(join(dataDir, 'stage', 'raw')) &&
  readdirSync(join(dataDir, 'stage', 'raw'), { recursive: true }).some((name) =>
    String(name).endsWith('.parquet'),
  );

const manifestLines = (dataDir: string) => {
  const file = join(dataDir, 'landing', 'manifest.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
};

/** The "<step>: <detail>" line the sync logs when a step is done. */
const stepDone = (step: string) => new RegExp(`\\] ${step}: `);
/** A plain progress line "<step> [###...] done/total task done". */
const progressAt = (step: string, output: string) => {
  const all = [...output.matchAll(new RegExp(`^${step}\\s+\\[[#.]+\\] (\\d+)/(\\d+)`, 'gm'))];
  const last = all.at(-1);
  return last ? { done: Number(last[1]), total: Number(last[2]) } : undefined;
};

/** Deterministic kill delays for the random cases. */
function seededDelays(seed: number, count: number, min: number, max: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round(min + (state / 2 ** 31) * (max - min));
  });
}

beforeAll(async () => {
  if (!built) return;
  workDir = mkdtempSync(join(tmpdir(), 'puente-crash-'));
  s3 = await startS3rver(join(workDir, 's3'), 0, () => {
    s3Objects += 1;
  });
  const world = generateWorld({
    seed: 21,
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    altasPerYear: 500,
  });
  sources = await writeWorldFiles(join(workDir, 'sources'), world, '2025-02-28');
  portalFiles = writeGoodPortalFiles(join(workDir, 'sources'), worldAsOf(world, '2025-02-28'), [
    ['2025-01-01', '2025-01-31'],
    ['2025-02-01', '2025-02-28'],
  ]);
  const dataDir = await preparedDataDir();
  const run = await sync(dataDir);
  expect(run.code, run.output).toBe(0);
  referenceMs = run.ms;
  reference = await totalsOf(dataDir);
}, 120_000);

afterAll(async () => {
  await s3?.server.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface KillCase {
  name: string;
  /** Decides, from the child's output, time and data dir, when to pull the plug. */
  when: (state: ChildState, dataDir: string) => boolean;
  /** Whether the resuming run builds the models too (only where the kill hit the build). */
  resumeBuilds?: boolean;
  stage?: 'local' | 's3';
}

const PRE_LANDED = 6;
const KILLS: KillCase[] = [
  {
    name: 'mid-download: while the CFDI folder is being landed',
    when: ({ output }, dataDir) =>
      !stepDone('extract').test(output) && manifestLines(dataDir) >= PRE_LANDED + 20,
  },
  { name: 'at the extract -> stage boundary', when: ({ output }) => stepDone('extract').test(output) },
  {
    name: 'mid-stage: files parsed, staged files being put',
    when: ({ output }) => {
      const at = progressAt('stage', output);
      return at !== undefined && at.done * 2 >= at.total;
    },
  },
  {
    name: 'mid-upload to the local stage: after the first staged file arrived',
    when: ({ output }, dataDir) => !stepDone('stage').test(output) && stagedLocally(dataDir),
  },
  {
    name: 'mid-upload to S3: after the first staged object arrived',
    when: ({ output }) => !stepDone('stage').test(output) && s3Objects > s3Baseline,
    stage: 's3',
  },
  { name: 'at the stage -> ingest boundary', when: ({ output }) => stepDone('stage').test(output) },
  {
    name: 'mid-load: after the first staged file loaded',
    when: ({ output }) => progressAt('ingest', output) !== undefined,
  },
  {
    name: 'at the ingest -> build boundary',
    when: ({ output }) => stepDone('ingest').test(output),
    resumeBuilds: true,
  },
  {
    name: 'mid-build',
    when: ({ output, elapsedMs }) => {
      const at = output.search(stepDone('ingest'));
      if (at === -1) return false;
      buildSeenAt ??= elapsedMs;
      return elapsedMs - buildSeenAt > 400;
    },
    resumeBuilds: true,
  },
];
let buildSeenAt: number | undefined;
let s3Baseline = 0;

describe.skipIf(!built)('crash and resume of `puente sync` (child process, SIGKILL)', () => {
  it('the uninterrupted reference run loaded every dataset', () => {
    for (const [dataset, totals] of Object.entries(reference)) expect(totals, dataset).not.toMatch(/^0 /);
  });

  it.each(KILLS)(
    'killed $name, the next run completes it: same warehouse',
    async ({ when, resumeBuilds, stage }) => {
      buildSeenAt = undefined;
      s3Baseline = s3Objects;
      const dataDir = await preparedDataDir(stage);
      const killed = await sync(dataDir, (state) => when(state, dataDir));
      expect(killed.signal, `the sync finished before the kill:\n${killed.output}`).toBe('SIGKILL');
      const lockLeft = existsSync(join(dataDir, 'sync.lock'));
      expect(lockLeft).toBe(true);

      const resumed = await sync(dataDir, undefined, resumeBuilds);
      expect(resumed.code, resumed.output).toBe(0);
      expect(resumed.output).toMatch(/Run \S+ succeeded/);
      expect(resumed.output).toContain('took over a stale sync lock');
      expect(await totalsOf(dataDir)).toEqual(reference);
      if (stage === 's3') expect(s3Objects - s3Baseline).toBeGreaterThan(1);
    },
  );

  it('killed at random moments (seeded), twice in a row, then resumed: same warehouse', async () => {
    const dataDir = await preparedDataDir();
    for (const delay of seededDelays(20_250_630, 2, 300, Math.max(600, referenceMs - 200))) {
      const killed = await sync(dataDir, ({ elapsedMs }) => elapsedMs >= delay);
      expect([killed.signal, killed.code], `${delay} ms`).not.toEqual([null, 1]);
    }
    const resumed = await sync(dataDir, undefined, false);
    expect(resumed.code, resumed.output).toBe(0);
    expect(await totalsOf(dataDir)).toEqual(reference);
  });

  it('a second sync while one runs fails with a clear message; the first is unharmed', async () => {
    const dataDir = await preparedDataDir();
    let second: Promise<Awaited<ReturnType<typeof sync>>> | undefined;
    // The first sync is paused (SIGSTOP) while the second runs, so the second always meets a live
    // lock, however fast the first would otherwise finish.
    const first = sync(dataDir, ({ pid }) => {
      if (!second && existsSync(join(dataDir, 'sync.lock'))) {
        process.kill(pid, 'SIGSTOP');
        second = sync(dataDir).finally(() => process.kill(pid, 'SIGCONT'));
      }
      return false;
    });
    const firstRun = await first;
    const secondRun = await second;
    expect(secondRun?.code).toBe(1);
    expect(secondRun?.output).toMatch(
      /Another sync is running \(run \S+, process \d+, since .*\)\. Wait for it to finish/,
    );
    expect(firstRun.code, firstRun.output).toBe(0);
    expect(await totalsOf(dataDir)).toEqual(reference);
  });
});
