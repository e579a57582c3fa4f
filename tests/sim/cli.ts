import { Command } from 'commander';
import { DEFAULT_WORLD, type PortalFaults, startSimulator } from './index';

/**
 * `npm run sim`: starts the simulated SAI and PREI on fixed local ports over a generated world and
 * prints their URLs and demo credentials. Ctrl+C stops it.
 */
async function main(argv: string[]): Promise<void> {
  const program = new Command('sim')
    .description('Simulated SAI and PREI portals over a deterministic world')
    .option('--sai-port <n>', 'SAI port (0 = any free port)', '4801')
    .option('--prei-port <n>', 'PREI port (0 = any free port)', '4802')
    .option('--seed <n>', 'world seed', String(DEFAULT_WORLD.seed))
    .option('--start <date>', 'first day of the world (ISO)', DEFAULT_WORLD.startDate)
    .option('--end <date>', 'last day of the world (ISO)', DEFAULT_WORLD.endDate)
    .option(
      '--altas-per-year <n>',
      'scale: altas per year (3000 to 333000)',
      String(DEFAULT_WORLD.altasPerYear),
    )
    .option('--as-of <date>', 'the day the portals show (ISO); default: the world end date')
    .option('--export-delay-ms <n>', 'SAI export generation time', '1500')
    .option('--faults <json>', 'faults for both portals, e.g. {"latencyMs":300,"lockoutAfter":5}')
    .option('--write <dir>', 'also write cfdi/, paq.xlsx and answer-key.json as of that day into <dir>')
    .option('--test-mode', 'enable the captcha test endpoint (GET <sai>/__test__/captcha?id=...)', false)
    .parse(argv);
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const faults: Partial<PortalFaults> = o.faults ? JSON.parse(String(o.faults)) : {};
  const started = Date.now();
  const sim = await startSimulator({
    world: {
      seed: Number(o.seed),
      startDate: String(o.start),
      endDate: String(o.end),
      altasPerYear: Number(o.altasPerYear),
    },
    asOf: o.asOf ? String(o.asOf) : undefined,
    ports: { sai: Number(o.saiPort), prei: Number(o.preiPort) },
    faults: { sai: { exportDelayMs: Number(o.exportDelayMs), ...faults }, prei: faults },
    testMode: o.testMode === true,
  });
  const { world } = sim;
  console.log(
    `World: seed ${world.params.seed}, ${world.params.startDate}..${world.params.endDate}, ` +
      `${world.altas.length} altas, ${world.invoices.length} invoices, ${world.uploads.length} PREI uploads ` +
      `(${Date.now() - started} ms). Portals show ${sim.asOf}.`,
  );
  console.log(
    `SAI:  ${sim.saiUrl}/login   user ${sim.credentials.sai.user}   password ${sim.credentials.sai.password}`,
  );
  console.log(
    `PREI: ${sim.preiUrl}/PREI/login.jsf   user ${sim.credentials.prei.user}   password ${sim.credentials.prei.password}` +
      `   supplier ${sim.credentials.prei.supplierNumber}`,
  );
  console.log(
    o.testMode
      ? `Captcha (test mode): GET ${sim.saiUrl}/__test__/captcha?id=<data-captcha-id of the login iframe>`
      : 'Captcha: read the text in the image and type it in.',
  );
  if (o.write) {
    const files = await sim.writeWorldFiles(String(o.write));
    console.log(
      `Wrote ${files.cfdiCount} CFDI to ${files.cfdiDir}, ${files.paqFile}, ${files.answerKeyFile}`,
    );
  }
  console.log('ready');
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
