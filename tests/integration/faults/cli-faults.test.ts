import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultKeys } from '../../../src/main/secrets/vault';
import { closedPort } from '../../fixtures/closed-port';
import type { WorldFiles } from '../../sim/files/write-world';
import { startSimulator } from '../../sim/index';
import { startS3rver, TEST_BUCKET, TEST_CREDENTIALS } from '../stage/s3-server';
import { CLI, type CliResult, cliBuilt, puente, stderrLines } from './cli-run';
import { holdDuckDbFile } from './duckdb-holder';
import {
  dataDirWith,
  FAULT_DAY,
  FAULT_WORLD,
  storeSecret,
  warehouseTotals,
  writeFaultWorld,
  writeSettings,
} from './fault-world';
import { type FaultProxy, startFaultProxy } from './s3-fault-proxy';

/**
 * The fault matrix through the built command line: per fault, `puente` exits with the documented
 * code and says on stderr, in one line, what failed and how to fix it; once the fault is gone, a
 * rerun succeeds and the warehouse equals that of a run that never met the fault (per raw table:
 * rows, distinct (file, row) pairs, files and exact money sums).
 */

if (!cliBuilt) console.warn(`CLI fault tests skipped: ${CLI} is missing; run \`npm run build\` first`);
const browser = '/usr/bin/chromium';
const hasBrowser = existsSync(browser);
if (!hasBrowser) console.warn(`portal fault test skipped: no ${browser} (apt-get install -y chromium)`);

/** The S3 test server's keys, given to the child the way an operator's environment would. */
const S3_KEYS = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
};

let workDir: string;
let sources: WorldFiles;
let reference: Record<string, string>;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let proxy: FaultProxy;

const sync = (dataDir: string, env: NodeJS.ProcessEnv = S3_KEYS) =>
  puente(['--data-dir', dataDir, 'sync', '--no-build'], env);

let s3DataDirs = 0;
/** A data dir staging to the S3 test server through the fault proxy, under its own prefix. */
function s3DataDir(): string {
  s3DataDirs += 1;
  return dataDirWith(workDir, sources, {
    stage: { kind: 's3', bucket: TEST_BUCKET, prefix: `run-${s3DataDirs}/`, endpoint: proxy.endpoint },
  });
}

/** The run's output, for assertion messages. */
const shown = (run: CliResult | undefined) => `stdout:\n${run?.stdout}\nstderr:\n${run?.stderr}`;

beforeAll(async () => {
  if (!cliBuilt) return;
  workDir = mkdtempSync(join(tmpdir(), 'puente-faults-'));
  sources = await writeFaultWorld(join(workDir, 'sources'));
  s3 = await startS3rver(join(workDir, 's3'));
  proxy = await startFaultProxy(s3.endpoint);
  const clean = dataDirWith(workDir, sources);
  const run = await sync(clean);
  expect(run.code, shown(run)).toBe(0);
  reference = await warehouseTotals(clean);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await s3?.server.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface ArrangedFault {
  dataDir: string;
  /** The environment of the failing run (the rerun gets the operator's good one). */
  env?: NodeJS.ProcessEnv;
  /** Takes the fault away again. */
  remove(): Promise<void> | void;
}

interface SyncFault {
  name: string;
  /** Prepares a data dir with the fault in place. */
  arrange(): Promise<ArrangedFault>;
  /** The one stderr line that names the failing thing and the fix. */
  message: RegExp;
}

const FAULTS: SyncFault[] = [
  {
    name: 'DuckDB file locked by another process',
    arrange: async () => {
      const dataDir = dataDirWith(workDir, sources);
      const holder = await holdDuckDbFile(join(dataDir, 'warehouse.duckdb'), process.cwd());
      return { dataDir, remove: () => holder.release() };
    },
    message: /Cannot open the DuckDB warehouse \S+warehouse\.duckdb: .*lock.*close it and retry/,
  },
  {
    name: 'S3 stage answering 503 to every request',
    arrange: async () => {
      proxy.faults.always503 = true;
      return {
        dataDir: s3DataDir(),
        remove: () => {
          proxy.faults.always503 = false;
        },
      };
    },
    message: /Cannot upload \S+ in s3:\/\/puente-test\/.*(503|unavailable).*(later|retry)/i,
  },
  {
    name: 'S3 credentials rejected',
    arrange: async () => ({
      dataDir: s3DataDir(),
      env: { AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0', AWS_SECRET_ACCESS_KEY: 'wrong-secret' },
      remove: () => undefined,
    }),
    message: /Cannot upload \S+ in s3:\/\/puente-test\/.*credentials .*rejected/,
  },
  {
    name: 'a file in the way of the landing store',
    arrange: async () => {
      const dataDir = dataDirWith(workDir, sources);
      mkdirSync(join(dataDir, 'landing'));
      writeFileSync(join(dataDir, 'landing', '.tmp'), 'not a folder');
      return { dataDir, remove: () => rmSync(join(dataDir, 'landing', '.tmp')) };
    },
    message: /Could not write \S+landing\S+ \(\w+\); check free disk space and permissions/,
  },
];

describe.skipIf(!cliBuilt)('`puente sync` under faults (built CLI, child process)', () => {
  it('the clean reference run loaded the CFDI and PAQ datasets', () => {
    expect(reference.cfdi_invoices).toMatch(/^121 \| 121 \| 121 \| /);
    expect(reference.paq_links).not.toMatch(/^0 /);
  });

  describe.each(FAULTS)('$name', (fault) => {
    let failed: CliResult | undefined;

    it('exits 1; once the fault is removed a rerun succeeds with the same warehouse', async () => {
      const { dataDir, env, remove } = await fault.arrange();
      try {
        failed = await sync(dataDir, { ...S3_KEYS, ...env });
      } finally {
        await remove();
      }
      expect(failed.code, shown(failed)).toBe(1);
      expect(failed.stdout).toMatch(/Run \S+ failed: /);
      const rerun = await sync(dataDir);
      expect(rerun.code, shown(rerun)).toBe(0);
      expect(await warehouseTotals(dataDir)).toEqual(reference);
    });

    it('says on one stderr line what failed and the fix', () => {
      expect(stderrLines(failed as CliResult, fault.message), shown(failed)).toHaveLength(1);
    });
  });

  it('S3 answering 503 to the first requests: the stage retries and the sync succeeds', async () => {
    const dataDir = s3DataDir();
    proxy.counts.refused = 0;
    proxy.faults.fail503 = 4;
    const run = await sync(dataDir);
    expect(run.code, shown(run)).toBe(0);
    expect(proxy.counts.refused).toBe(4);
    expect(await warehouseTotals(dataDir)).toEqual(reference);
    // The AWS SDK's Node >= 22 notice stays out of a scheduled run's log (docs/operations.md has it).
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('slow S3 (every request held 250 ms): the sync waits and succeeds', async () => {
    const dataDir = s3DataDir();
    const before = proxy.counts.requests;
    proxy.faults.delayMs = 250;
    let run: CliResult;
    try {
      run = await sync(dataDir);
    } finally {
      proxy.faults.delayMs = 0;
    }
    expect(run.code, shown(run)).toBe(0);
    const requests = proxy.counts.requests - before;
    expect(requests).toBeGreaterThanOrEqual(9);
    // The stage's requests are sequential, so the delays add up.
    expect(run.ms).toBeGreaterThan(requests * 250);
    expect(await warehouseTotals(dataDir)).toEqual(reference);
  });

  it('invalid settings: exit 78 naming each bad field, nothing landed; fixed settings then sync', async () => {
    const dataDir = dataDirWith(workDir, sources);
    const good = { cfdiFolders: [sources.cfdiDir], paqWorkbook: { file: sources.paqFile } };
    writeSettings(dataDir, { ...good, warehous: { kind: 'duckdb' }, stage: { kind: 's4' } });
    const run = await sync(dataDir);
    expect(run.code, shown(run)).toBe(78);
    expect(run.stderr).toMatch(/^Settings in \S+settings\.json are not valid:$/m);
    expect(run.stderr).toMatch(/^ {2}- stage\.kind: .*use one of the documented values$/m);
    expect(run.stderr).toMatch(
      /^ {2}- \(top level\): unknown key "warehous"; remove it or check the spelling$/m,
    );
    expect(existsSync(join(dataDir, 'landing', 'manifest.jsonl'))).toBe(false);
    writeSettings(dataDir, good);
    const rerun = await sync(dataDir);
    expect(rerun.code, shown(rerun)).toBe(0);
    expect(await warehouseTotals(dataDir)).toEqual(reference);
  });

  it('invalid JSON in the settings file: exit 78 naming the file and "fix the syntax"', async () => {
    const dataDir = dataDirWith(workDir, sources);
    writeFileSync(join(dataDir, 'settings.json'), '{ "cfdiFolders": [ }');
    const run = await puente(['--data-dir', dataDir, 'status']);
    expect(run.code, shown(run)).toBe(78);
    expect(run.stderr).toMatch(
      /settings\.json are not valid:\n {2}- the file is not valid JSON \(.+\); fix the syntax/,
    );
  });

  it('Snowflake unreachable (proxy on a closed port): `puente snowflake status` fails fast and says so', async () => {
    const dataDir = dataDirWith(workDir, sources);
    writeSettings(dataDir, {
      stage: { kind: 's3', bucket: TEST_BUCKET, endpoint: s3.endpoint },
      warehouse: {
        kind: 'snowflake',
        account: 'puente-faults',
        user: 'ANALYST',
        warehouse: 'WH',
        database: 'PUENTE',
        authenticator: 'PROGRAMMATIC_ACCESS_TOKEN',
      },
    });
    await storeSecret(dataDir, vaultKeys.password('snowflake'), 'pat-for-the-fault-test');
    const proxyUrl = `http://127.0.0.1:${await closedPort()}`;
    // The driver honours HTTPS_PROXY: with it on a closed port, Snowflake is unreachable with or without internet.
    const run = await puente(['--data-dir', dataDir, 'snowflake', 'status'], {
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '',
      no_proxy: '',
    });
    expect(run.code, shown(run)).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    expect(
      stderrLines(
        run,
        /^puente: Cannot connect to Snowflake: cannot reach Snowflake at https:\/\/puente-faults\.snowflakecomputing\.com \(.*ECONNREFUSED.*\); check warehouse\.account .* and the network or proxy$/,
      ),
      shown(run),
    ).toHaveLength(1);
    expect(run.stderr).not.toContain('pat-for-the-fault-test');
  });

  it.skipIf(!hasBrowser)(
    'a portal refusing the password: exit 1 naming PREI and the fix; the local sources still land',
    async () => {
      const sim = await startSimulator({ world: FAULT_WORLD, asOf: FAULT_DAY });
      try {
        const { user, supplierNumber, password } = sim.credentials.prei;
        const dataDir = dataDirWith(workDir, sources, {
          portals: { prei: { url: sim.preiUrl, user, supplierNumber } },
        });
        await storeSecret(dataDir, vaultKeys.password('prei'), 'not-the-password');
        const args = ['--data-dir', dataDir, 'sync', '--no-build', '--sources', 'prei'];
        const window = ['--from', '2025-03-01', '--to', '2025-03-31'];
        const env = { PUENTE_BROWSER: browser };
        const run = await puente([...args, ...window], env);
        expect(run.code, shown(run)).toBe(1);
        expect(
          stderrLines(run, /ERROR .*PREI: the portal refused the sign-in .*`puente credentials set prei`/),
          shown(run),
        ).toHaveLength(1);
        expect(run.stdout).toMatch(/Run \S+ failed: prei: PREI: the portal refused the sign-in/);
        expect(sim.counters.prei.failedLogins).toBe(1);
        expect(await warehouseTotals(dataDir)).toEqual(reference);

        await storeSecret(dataDir, vaultKeys.password('prei'), password);
        const rerun = await puente([...args, ...window], env);
        expect(rerun.code, shown(rerun)).toBe(0);
        const totals = await warehouseTotals(dataDir);
        expect(totals.prei_invoices).toMatch(/^[1-9]\d* \| /);
        expect({ ...totals, prei_invoices: reference.prei_invoices }).toEqual(reference);
      } finally {
        await sim.close();
      }
    },
  );
});
