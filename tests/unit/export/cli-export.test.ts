import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseWhere, registerExport } from '../../../src/main/cli/commands/export';
import { craftedWarehouse } from '../../integration/recon/crafted-warehouse';

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'puente-export-'));
  await (await craftedWarehouse(join(dataDir, 'warehouse.duckdb'))).close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function puente(...args: string[]): Promise<string> {
  const program = new Command('puente').option('--data-dir <dir>').option('--json').exitOverride();
  registerExport(program);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['--data-dir', dataDir, ...args], { from: 'user' });
    return out.mock.calls.map((call) => String(call[0])).join('');
  } finally {
    out.mockRestore();
  }
}

describe('puente export', () => {
  it('writes one mart under --where filters, readable by SheetJS with ids as text', async () => {
    const file = join(dataDir, 'worklist.xlsx');
    const printed = await puente(
      'export',
      '--view',
      'unmatched_invoices',
      '--out',
      file,
      '--where',
      'reason_code=missing_from_prei',
    );
    expect(printed).toMatch(/worklist\.xlsx: 4 rows/);
    const sheet = XLSX.read(readFileSync(file)).Sheets.unmatched_invoices;
    if (!sheet) throw new Error('no sheet');
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.reason_code))).toEqual(new Set(['missing_from_prei']));
    expect(sheet.A2?.t).toBe('s');
    expect(
      rows.every((row) => typeof row.item_key === 'string' && String(row.item_key).startsWith('058001-0')),
    ).toBe(true);
  });

  it('writes the full reconciliation workbook with --view all', async () => {
    const file = join(dataDir, 'all.xlsx');
    await puente('export', '--view', 'all', '--out', file);
    expect(XLSX.read(readFileSync(file)).SheetNames.slice(0, 4)).toEqual([
      'Summary',
      'By status',
      'reconciliation',
      'unmatched_invoices',
    ]);
  });

  it('parses --where clauses and refuses anything else', () => {
    expect(parseWhere('no_alta~000012')).toEqual([
      'no_alta',
      { filterType: 'text', type: 'contains', filter: '000012' },
    ]);
    expect(() => parseWhere('1=1; DROP')).toThrow(/column=value/);
  });
});
