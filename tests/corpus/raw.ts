import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CORPUS_SNAPSHOT, type CorpusSource, quarantined } from './types';

/** 200 MB: twice the spreadsheet limit. */
export const HUGE_FILE_BYTES = 200 * 1024 * 1024;

/** Writes a zip header and then seeks to the end: a sparse file that costs almost no disk until copied. */
async function writeSparseHuge(path: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 0, 4, 0);
    await handle.truncate(HUGE_FILE_BYTES);
  } finally {
    await handle.close();
  }
}

/** Deterministic binary noise that starts with a NUL, so no magic number can match by chance. */
function noise(bytes: number): Buffer {
  const blocks: Buffer[] = [Buffer.from([0])];
  for (let i = 0; blocks.length * 32 < bytes; i++)
    blocks.push(createHash('sha256').update(String(i)).digest());
  return Buffer.concat(blocks).subarray(0, bytes);
}

/** Files that are not what their name says, whatever report they claim to be. */
export function rawCases(options: { huge: boolean }): CorpusSource[] {
  const sai = { report: 'sai_altas', portal: 'sai', parameters: { snapshotDate: CORPUS_SNAPSHOT } } as const;
  const garbage = noise(4096);
  const cases: CorpusSource[] = [
    {
      ...sai,
      name: 'altas-empty.xlsx',
      bytes: Buffer.alloc(0),
      expect: quarantined('empty'),
      why: 'zero bytes',
    },
    {
      ...sai,
      name: 'altas-latin1.csv.xls',
      bytes: Buffer.from(
        'noAlta;fechaAltaTrunc;descUnidad\n058001-1;15/05/2025;ALMACÉN DELEGACIÓN ÑUÑOA\n',
        'latin1',
      ),
      expect: quarantined('not_a_spreadsheet'),
      why: 'Latin-1 CSV saved with a spreadsheet name',
    },
    {
      ...sai,
      name: 'altas-utf8-bom.csv.xlsx',
      bytes: Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('noAlta,importe\n058001-2,"1,000.00"\n'),
      ]),
      expect: quarantined('not_a_spreadsheet'),
      why: 'UTF-8 CSV with a byte order mark',
    },
    {
      ...sai,
      name: 'altas-garbage.xlsx',
      bytes: garbage,
      expect: quarantined('not_a_spreadsheet'),
      why: 'random binary',
    },
    {
      ...sai,
      name: 'altas-pdf.xlsx',
      bytes: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n\u0000', 'latin1'),
      expect: quarantined('not_a_spreadsheet'),
      why: 'a PDF receipt under a spreadsheet name',
    },
  ];
  if (options.huge) {
    cases.push({
      ...sai,
      name: 'altas-200mb.xlsx',
      bytes: writeSparseHuge,
      expect: quarantined('too_large'),
      why: '200 MB: refused unread',
    });
  }
  return cases;
}
