import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult } from '../../shared/api';
import { XLSX_CONTENT_TYPE } from '../export/downloads';
import { exportReconciliationWorkbook } from '../export/reconciliation-workbook';
import { exportView } from '../export/view-export';
import type { ApiContext, ApiHandlers } from './context';

/** A file name that sorts by time and never collides within a second: `puente-<what>-YYYYMMDD-HHMMSS.xlsx`. */
export function exportFileName(what: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `puente-${what}-${stamp}.xlsx`;
}

export function exportHandlers({
  app,
  warehouse,
  downloads,
}: ApiContext): ApiHandlers<'export.view' | 'export.workbook'> {
  async function produce(what: string, write: (path: string) => Promise<number>): Promise<ExportResult> {
    const folder = join(app.dataDir.root, 'exports');
    mkdirSync(folder, { recursive: true });
    const fileName = exportFileName(what);
    const path = join(folder, fileName);
    const started = performance.now();
    const rows = await write(path);
    const ms = Math.round(performance.now() - started);
    app.logger.info('export written', { file: path, rows, ms });
    const downloadId = downloads.offer({ path, fileName, contentType: XLSX_CONTENT_TYPE });
    return { fileName, path, downloadId, rows, ms };
  }
  return {
    'export.view': async (input) =>
      produce(input.view, async (path) => exportView(await warehouse(), input, path)),
    'export.workbook': async () =>
      produce('conciliacion', async (path) => exportReconciliationWorkbook(await warehouse(), path)),
  };
}
