import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetName } from '../../../src/main/ingest/datasets';
import type { LandingMeta, LandingStore } from '../../../src/main/landing/store';
import { preiFileName, preiWorkbook } from '../../sim/files/prei-export';
import { altasRows, altasWorkbook, ordersRows, ordersWorkbook } from '../../sim/files/sai-export';
import type { WorldView } from '../../sim/index';
import { SUPPLIER } from '../../sim/world/catalog';
import { dayFromIso, isoOf } from '../../sim/world/days';

/** A well-formed portal download, written by the simulator's own file writers, ready to land. */
export interface GoodFile {
  path: string;
  meta: LandingMeta;
  dataset: DatasetName;
  /** Rows the warehouse must end up holding from this file. */
  rows: number;
}

/**
 * The SAI altas, SAI orders and PREI files the portals would give for each window, as of the view's day,
 * with the parameters an extractor records (window, supplier, snapshot date).
 */
export function writeGoodPortalFiles(
  dir: string,
  view: WorldView,
  windows: Array<[string, string]>,
): GoodFile[] {
  const snapshotDate = isoOf(view.asOf);
  const files: GoodFile[] = [];
  const add = (
    name: string,
    bytes: Buffer,
    meta: Pick<LandingMeta, 'portal' | 'report'>,
    dataset: DatasetName,
    rows: number,
    window: [string, string],
  ) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const parameters = { snapshotDate, from: window[0], to: window[1], supplierNumber: SUPPLIER.preiNumber };
    files.push({
      path,
      meta: {
        ...meta,
        parameters,
        downloadedAt: `${snapshotDate}T12:00:00.000Z`,
        originalName: name,
        runId: 'GOOD-FILES',
      },
      dataset,
      rows,
    });
  };
  for (const window of windows) {
    const [from, to] = [dayFromIso(window[0]), dayFromIso(window[1])];
    const sai = { portal: 'sai', report: 'sai_altas' } as const;
    add(
      `altas_${window[0]}.xlsx`,
      altasWorkbook(view, from, to),
      sai,
      'sai_altas',
      altasRows(view, from, to).length,
      window,
    );
    add(
      `ordenes_${window[0]}.xlsx`,
      ordersWorkbook(view, from, to),
      { portal: 'sai', report: 'sai_orders' },
      'sai_orders',
      ordersRows(view, from, to).length,
      window,
    );
    add(
      preiFileName(from, to),
      preiWorkbook(view, from, to),
      { portal: 'prei', report: 'prei_facturas_cr' },
      'prei_invoices',
      view.preiRows(from, to).length,
      window,
    );
  }
  return files;
}

export async function landGoodFiles(landing: LandingStore, files: readonly GoodFile[]): Promise<void> {
  for (const file of files) await landing.put(file.path, file.meta);
}
