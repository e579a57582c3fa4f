import { type ChildProcess, spawn } from 'node:child_process';

/** Opens the database file with @duckdb/node-api, says so, then keeps it open until stdin closes. */
const HOLDER = `
const { DuckDBInstance } = require('@duckdb/node-api');
DuckDBInstance.create(process.argv[1]).then(async (instance) => {
  await (await instance.connect()).run('SELECT 1');
  process.stdout.write('holding\\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
});
`;

export interface DuckDbHolder {
  pid: number;
  release(): Promise<void>;
}

/** Another process holding the warehouse file open (a second Puente, a DuckDB shell), as a lock fault. */
export function holdDuckDbFile(file: string, cwd: string): Promise<DuckDbHolder> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HOLDER, file], {
    cwd,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the DuckDB holder exited early (${code})`)));
    child.stdout?.once('data', () =>
      resolve({
        pid: child.pid ?? -1,
        release: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin?.end();
          }),
      }),
    );
  });
}
