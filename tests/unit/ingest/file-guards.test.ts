import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureReason } from '../../../src/main/ingest/failure';
import { parseRawBuffer, parseRawFile } from '../../../src/main/ingest/parse';
import type { ReportKind } from '../../../src/main/ingest/reports';
import { ALTAS_HEADER, altasRecord, preiRecord, preiSheet, table } from '../../fixtures/portal-files';
import { xlsBuffer, xlsxBuffer } from '../../fixtures/workbooks';

const reasonFor = (buf: Buffer, report: ReportKind = 'prei_facturas_cr', name = 'reporte.xls') => {
  const outcome = parseRawBuffer(buf, { path: name, report, snapshotDate: '2025-06-03' });
  if (outcome.ok) throw new Error('expected a failure');
  expect(outcome.failure.message).toContain(name);
  return outcome.failure.reason;
};

const SESSION_PAGE =
  '<!DOCTYPE html><html><head><title>Sesión expirada</title></head><body>Inicie sesión</body></html>';

describe('files that are not what they claim', () => {
  it('detects an HTML page saved as .xls, with or without a byte order mark', () => {
    expect(reasonFor(Buffer.from(SESSION_PAGE))).toBe<FailureReason>('html_instead_of_xls');
    expect(
      reasonFor(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n  ${SESSION_PAGE}`)])),
    ).toBe('html_instead_of_xls');
    expect(reasonFor(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SESSION_PAGE, 'utf16le')]))).toBe(
      'html_instead_of_xls',
    );
    expect(reasonFor(Buffer.from('<table><tr><td>Documento</td></tr></table>', 'latin1'))).toBe(
      'html_instead_of_xls',
    );
  });

  it('refuses an empty file and a whitespace-only file', () => {
    expect(reasonFor(Buffer.alloc(0))).toBe('empty');
    expect(reasonFor(Buffer.from('  \r\n'))).toBe('empty');
  });

  it('refuses Latin-1 text and arbitrary binary as not a spreadsheet', () => {
    expect(reasonFor(Buffer.from('Número de proveedor;Fecha\nñandú;01/05/2025\n', 'latin1'))).toBe(
      'not_a_spreadsheet',
    );
    expect(reasonFor(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]))).toBe('not_a_spreadsheet');
  });

  it('detects a cut-off .xlsx and a cut-off .xls', async () => {
    const xlsx = await xlsxBuffer({ data: table(ALTAS_HEADER, [altasRecord()]) });
    expect(reasonFor(xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'sai_altas', 'altas.xlsx')).toBe(
      'truncated',
    );
    expect(reasonFor(xlsx.subarray(0, xlsx.length - 10), 'sai_altas', 'altas.xlsx')).toBe('truncated');
    const xls = xlsBuffer('tblDocumentos', preiSheet([preiRecord()]));
    expect(reasonFor(xls.subarray(0, xls.length - 100))).toBe('truncated');
  });

  it('reports a complete-looking but unreadable compound file as corrupt', () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(reasonFor(Buffer.concat([header, Buffer.alloc(1536 - header.length, 0xff)]))).toBe('corrupt');
  });
});

describe('parseRawFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'puente-guards-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const path = join(dir, 'big.xlsx');
    await writeFile(path, Buffer.alloc(4096, 0x41));
    const outcome = await parseRawFile({
      path,
      report: 'sai_altas',
      snapshotDate: '2025-06-03',
      maxBytes: 1024,
    });
    expect(!outcome.ok && outcome.failure.reason).toBe('too_large');
    expect(!outcome.ok && outcome.failure.message).toMatch(
      /big\.xlsx is 4096 bytes, over the 1024-byte limit/,
    );
  });

  it('reports a missing file as unreadable, naming the path', async () => {
    const path = join(dir, 'gone.xlsx');
    const outcome = await parseRawFile({ path, report: 'sai_altas', snapshotDate: '2025-06-03' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.reason).toBe('unreadable');
    expect(outcome.failure.message).toContain('ENOENT');
    expect(outcome.failure.message).toContain(path);
  });

  it('refuses a snapshot date that is not ISO (a caller bug, not a file problem)', async () => {
    await expect(
      parseRawFile({ path: join(dir, 'x'), report: 'paq', snapshotDate: '03/06/2025' }),
    ).rejects.toThrow(/ISO date/);
  });
});
