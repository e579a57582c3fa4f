import * as XLSX from '@e965/xlsx';
import { failure, type ParseFailure } from './failure';
import { cfbLooksComplete, sniff, zipLooksComplete } from './sniff';
import type { CellValue } from './values';

/** One worksheet's cells as raw values; rows[i] is sheet row firstRow + i (1-based, blank rows kept). */
export interface SheetRows {
  sheetName: string;
  firstRow: number;
  rows: CellValue[][];
}

export interface SheetRequest {
  /** File name used in messages. */
  fileName: string;
  /** Sheet to read (matched without regard to case); the first sheet when absent. */
  sheet?: string;
}

/** Checks the container, then reads one sheet with SheetJS. Never throws for bad input. */
export function readSheet(buf: Buffer, request: SheetRequest): SheetRows | ParseFailure {
  const { fileName } = request;
  const container = sniff(buf);
  switch (container) {
    case 'empty':
      return failure('empty', `${fileName} is empty; download it again`);
    case 'html':
      return failure(
        'html_instead_of_xls',
        `${fileName} is a web page saved with a spreadsheet name (often an expired session or an error page); sign in again and download it again`,
      );
    case 'zip':
      if (!zipLooksComplete(buf)) {
        return failure(
          'truncated',
          `${fileName} is cut off (the download did not finish); download it again`,
        );
      }
      break;
    case 'cfb':
      if (!cfbLooksComplete(buf)) {
        return failure(
          'truncated',
          `${fileName} is cut off (the download did not finish); download it again`,
        );
      }
      break;
    default:
      return failure(
        'not_a_spreadsheet',
        `${fileName} is not an Excel workbook (it looks like ${container} content); check that the right file was saved`,
      );
  }

  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(buf, {
      type: 'buffer',
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      dense: true,
    });
  } catch (error) {
    return failure(
      'corrupt',
      `${fileName} cannot be read as a workbook (${(error as Error).message}); download it again`,
    );
  }

  const wanted = request.sheet?.toLowerCase();
  const sheetName =
    wanted === undefined
      ? workbook.SheetNames[0]
      : workbook.SheetNames.find((n) => n.toLowerCase() === wanted);
  const sheet = sheetName === undefined ? undefined : workbook.Sheets[sheetName];
  if (sheetName === undefined || sheet === undefined) {
    return failure(
      'missing_sheet',
      `${fileName} has no sheet "${request.sheet ?? '(any)'}" (it has: ${workbook.SheetNames.join(', ') || 'none'}); check the file or the configured sheet name`,
    );
  }
  const ref = sheet['!ref'];
  if (!ref) return failure('empty', `${fileName}: sheet "${sheetName}" has no cells; download it again`);
  const rows = XLSX.utils.sheet_to_json<CellValue[]>(sheet, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
  });
  return { sheetName, firstRow: XLSX.utils.decode_range(ref).s.r + 1, rows };
}

export function isSheetFailure(value: SheetRows | ParseFailure): value is ParseFailure {
  return 'reason' in value;
}
