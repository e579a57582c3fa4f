import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answerKey } from '../world/answer-key';
import { worldAsOf } from '../world/as-of';
import type { Day } from '../world/days';
import type { World } from '../world/types';
import { cfdiFileName, cfdiXml } from './cfdi-xml';
import { paqWorkbook } from './paq-workbook';

export interface WorldFiles {
  cfdiDir: string;
  paqFile: string;
  answerKeyFile: string;
  cfdiCount: number;
}

/**
 * The files the supplier has on disk as of a day, and the truth beside them:
 * cfdi/ (one XML per issued invoice, cancelled ones included, as on a real disk), paq.xlsx
 * (sheet `Reporte Paq`) and answer-key.json.
 */
export async function writeWorldFiles(dir: string, world: World, asOf: Day | string): Promise<WorldFiles> {
  const view = worldAsOf(world, asOf);
  const cfdiDir = join(dir, 'cfdi');
  await mkdir(cfdiDir, { recursive: true });
  const invoices = view.invoices();
  for (const invoice of invoices) {
    await writeFile(join(cfdiDir, cfdiFileName(invoice)), cfdiXml(world, invoice), 'utf8');
  }
  const paqFile = join(dir, 'paq.xlsx');
  await writeFile(paqFile, paqWorkbook(view));
  const answerKeyFile = join(dir, 'answer-key.json');
  await writeFile(answerKeyFile, `${JSON.stringify(answerKey(world, view.asOf), null, 1)}\n`, 'utf8');
  return { cfdiDir, paqFile, answerKeyFile, cfdiCount: invoices.length };
}
