import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/main/cli/program';

/** Runs the CLI in-process and captures what it prints. */
async function runCli(args: string[]): Promise<{ out: string; error?: Error }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  const program = buildProgram().exitOverride();
  program.configureOutput({ writeOut: (text) => chunks.push(text), writeErr: (text) => chunks.push(text) });
  try {
    await program.parseAsync(['node', 'puente', ...args]);
    return { out: chunks.join('') };
  } catch (error) {
    return { out: chunks.join(''), error: error as Error };
  } finally {
    process.stdout.write = write;
  }
}

const emptyDir = () => mkdtempSync(join(tmpdir(), 'puente-cli-'));

describe('puente CLI', () => {
  it('--help lists the global options and only the commands that are built', async () => {
    const { out } = await runCli(['--help']);
    expect(out).toContain('--data-dir <dir>');
    expect(out).toContain('--json');
    const commands = [...out.matchAll(/^ {2}(\w[\w-]*)/gm)].map((match) => match[1]);
    expect(commands).toContain('status');
    expect(commands).toContain('settings');
    for (const command of commands) {
      expect(buildProgram().commands.map((c) => c.name())).toContain(command === 'help' ? 'status' : command);
    }
  });

  it('--version prints the package version', async () => {
    const { out } = await runCli(['--version']);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('status on an empty data dir says so and how to start', async () => {
    const dir = emptyDir();
    const { out } = await runCli(['--data-dir', dir, 'status']);
    expect(out).toContain(`Data dir:   ${dir}`);
    expect(out).toContain('This data dir is empty');
    expect(out).toContain('puente demo');
  });

  it('status --json is machine readable', async () => {
    const dir = emptyDir();
    const { out } = await runCli(['--data-dir', dir, '--json', 'status']);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ dataDir: dir, empty: true, runs: [], landedFiles: 0 });
    expect(report.warehouse).toContain('warehouse.duckdb');
  });

  it('settings set validates and persists; a bad value is refused with the field named', async () => {
    const dir = emptyDir();
    await runCli(['--data-dir', dir, 'settings', 'set', 'locale', 'en']);
    expect((await runCli(['--data-dir', dir, 'settings', 'get', 'locale'])).out.trim()).toBe('en');
    const bad = await runCli(['--data-dir', dir, 'settings', 'set', 'schedule.dailyAt', '7am']);
    expect(bad.error?.message).toContain('schedule.dailyAt');
  });

  it('a broken settings file stops every command with the field and the fix', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ stage: { kind: 'ftp' } }));
    const { error } = await runCli(['--data-dir', dir, 'status']);
    expect(error?.message).toMatch(/stage\.kind/);
  });

  it('snowflake render prints the Snowpipe chain and the models for the configured bucket and database', async () => {
    const dir = emptyDir();
    const refused = await runCli(['--data-dir', dir, 'snowflake', 'render']);
    expect(refused.error?.message).toMatch(/Snowpipe reads from S3/);
    await runCli([
      '--data-dir',
      dir,
      'settings',
      'set',
      'stage',
      '{"kind":"s3","bucket":"cobranza-raw","prefix":"puente/"}',
    ]);
    await runCli([
      '--data-dir',
      dir,
      'settings',
      'set',
      'warehouse',
      '{"kind":"snowflake","account":"org-acct","user":"ANA","warehouse":"WH","database":"PUENTE"}',
    ]);
    const { out, error } = await runCli(['--data-dir', dir, 'snowflake', 'render']);
    expect(error).toBeUndefined();
    expect(out).toContain('s3://cobranza-raw/puente/raw/');
    expect(out.match(/CREATE PIPE IF NOT EXISTS/g)?.length).toBe(6);
    expect(out).toMatch(/AUTO_INGEST = TRUE/);
    expect(out).toContain('reconciliation');
    expect(out).toContain('<AWS_ACCOUNT_ID>');
  });
});
