import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { importCfdiFolders } from '../ingest/cfdi-folders';
import type { LandingStore } from '../landing/store';
import type { Settings } from '../settings/schema';

export interface LocalSourcesResult {
  cfdiFiles: number;
  cfdiNew: number;
  cfdiDuplicates: Array<{ uuid: string; files: string[] }>;
  paq: 'landed' | 'unchanged' | 'not configured';
}

/**
 * The sources that live on the analyst's machine rather than on a portal: the CFDI XML folders and
 * the PAQ workbook. Both land in the landing store like a download; landing the same bytes again
 * is a no-op, so re-running costs a hash per file.
 */
export async function landLocalSources(
  landing: LandingStore,
  settings: Settings,
  context: { runId: string; snapshotDate: string; quarantineDir: string },
): Promise<LocalSourcesResult> {
  const cfdi = await importCfdiFolders(landing, settings.cfdiFolders, context);
  let paq: LocalSourcesResult['paq'] = 'not configured';
  const workbook = settings.paqWorkbook;
  if (workbook) {
    if (!existsSync(workbook.file)) {
      throw new Error(
        `The PAQ workbook ${workbook.file} does not exist; fix paqWorkbook.file in the settings`,
      );
    }
    const landed = await landing.put(workbook.file, {
      portal: 'local',
      report: 'paq',
      parameters: { file: workbook.file, sheet: workbook.sheet, snapshotDate: context.snapshotDate },
      downloadedAt: new Date().toISOString(),
      originalName: basename(workbook.file),
      runId: context.runId,
    });
    paq = landed.isNew ? 'landed' : 'unchanged';
  }
  return {
    cfdiFiles: cfdi.files.length,
    cfdiNew: cfdi.files.filter((file) => file.isNew).length,
    cfdiDuplicates: cfdi.duplicates,
    paq,
  };
}
