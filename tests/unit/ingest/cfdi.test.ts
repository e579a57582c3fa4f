import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCfdiFolders, listXmlFiles } from '../../../src/main/ingest/cfdi-folders';
import { type ParseOutcome, parseRawBuffer } from '../../../src/main/ingest/parse';
import { LandingStore } from '../../../src/main/landing/store';
import { cfdiXml, DEFAULT_CONCEPT } from '../../fixtures/cfdi';

const parse = (xml: string | Buffer, name = 'P-6537.xml') =>
  parseRawBuffer(typeof xml === 'string' ? Buffer.from(xml) : xml, {
    path: name,
    report: 'cfdi',
    snapshotDate: '2025-06-03',
  });

function okOf(outcome: ParseOutcome) {
  if (!outcome.ok)
    throw new Error(`expected rows, got ${outcome.failure.reason}: ${outcome.failure.message}`);
  const [invoice, concepts] = outcome.batches;
  if (!invoice || !concepts) throw new Error('expected two batches');
  return { outcome, invoice, concepts };
}
const reasonOf = (outcome: ParseOutcome) => (outcome.ok ? 'ok' : outcome.failure.reason);

describe('CFDI reader', () => {
  it('reads a 4.0 invoice: header, upper-cased UUID, exact money and every concept', () => {
    const { outcome, invoice, concepts } = okOf(
      parse(
        cfdiXml({
          concepts: [
            DEFAULT_CONCEPT,
            { ...DEFAULT_CONCEPT, Cantidad: '1', ValorUnitario: '0.20', Importe: '0.20' },
          ],
          subTotal: '10450.30',
          total: '10450.30',
        }),
      ),
    );
    expect(outcome.ok && outcome.uuid).toBe('A1B2C3D4-E5F6-4789-ABCD-0123456789EF');
    expect(invoice.dataset).toBe('cfdi_invoices');
    expect(invoice.rows[0]?.values).toEqual({
      uuid: 'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
      version: '4.0',
      serie: 'P',
      folio: '6537',
      fecha: '2025-05-16T10:32:05',
      tipo_comprobante: 'I',
      emisor_rfc: 'PTY010101AB1',
      receptor_rfc: 'IMS421231I45',
      moneda: 'MXN',
      subtotal: '10450.30',
      descuento: null,
      total: '10450.30',
      impuestos_trasladados: '0.00',
      impuestos_retenidos: null,
      tipo_relacion: null,
      uuid_relacionado: null,
      fecha_timbrado: '2025-05-16T10:33:00',
    });
    expect(concepts.dataset).toBe('cfdi_concepts');
    expect(concepts.rows.map((r) => r.values)).toEqual([
      {
        uuid: 'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
        line_no: '1',
        clave_prod_serv: '51101500',
        no_identificacion: '010-000-4411-00-00',
        cantidad: '120',
        clave_unidad: 'H87',
        // &amp; in the XML is decoded.
        descripcion: '010 000 4411 00 00 PARACETAMOL 500 MG & TABLETAS',
        valor_unitario: '87.0842',
        importe: '10450.10',
        descuento: null,
      },
      expect.objectContaining({ line_no: '2', importe: '0.20', valor_unitario: '0.2' }),
    ]);
  });

  it('reads a 3.3 credit note with its related invoice', () => {
    const { invoice } = okOf(
      parse(
        cfdiXml({
          version: '3.3',
          tipo: 'E',
          uuid: 'c1b2c3d4-e5f6-4789-abcd-0123456789ef',
          relacion: {
            tipo: '01',
            uuids: ['a1b2c3d4-e5f6-4789-abcd-0123456789ef', 'b1b2c3d4-e5f6-4789-abcd-0123456789ef'],
          },
        }),
      ),
    );
    expect(invoice.rows[0]?.values).toMatchObject({
      version: '3.3',
      tipo_comprobante: 'E',
      uuid: 'C1B2C3D4-E5F6-4789-ABCD-0123456789EF',
      tipo_relacion: '01',
      uuid_relacionado: 'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
    });
  });

  it('honours a byte order mark and a Latin-1 declaration', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cfdiXml())]);
    expect(reasonOf(parse(bom))).toBe('ok');
    const latin = cfdiXml({
      concepts: [{ ...DEFAULT_CONCEPT, Descripcion: 'SOLUCIÓN INYECTABLE ÑANDÚ' }],
    }).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const { concepts } = okOf(parse(Buffer.from(latin, 'latin1')));
    expect(concepts.rows[0]?.values.descripcion).toBe('SOLUCIÓN INYECTABLE ÑANDÚ');
    // The same Latin-1 bytes claiming to be UTF-8 are refused, not silently garbled.
    expect(
      reasonOf(
        parse(
          Buffer.from(cfdiXml({ concepts: [{ ...DEFAULT_CONCEPT, Descripcion: 'SOLUCIÓN' }] }), 'latin1'),
        ),
      ),
    ).toBe('xml_malformed');
  });

  it('rejects an entity-expansion bomb fast, without expanding it', () => {
    const entities = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
    ).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities}\n]>\n<cfdi:Comprobante xmlns:cfdi="x" Version="4.0" Descripcion="&lol9;"/>`;
    const started = performance.now();
    const outcome = parse(bomb, 'bomb.xml');
    expect(reasonOf(outcome)).toBe('xml_entity_expansion');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a nesting bomb without overflowing the stack', () => {
    const depth = 100_000;
    const nested = `<?xml version="1.0"?><cfdi:Comprobante xmlns:cfdi="x" Version="4.0">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</cfdi:Comprobante>`;
    expect(reasonOf(parse(nested, 'deep.xml'))).toBe('xml_malformed');
  });

  it('refuses malformed XML with its line, other XML, other versions and unstamped invoices', () => {
    const broken = parse(cfdiXml().replace('</cfdi:Conceptos>', ''), 'broken.xml');
    expect(reasonOf(broken)).toBe('xml_malformed');
    expect(!broken.ok && broken.failure.message).toMatch(/broken\.xml is not well-formed XML \(line \d+/);
    expect(reasonOf(parse('<?xml version="1.0"?><Acuse><Folios/></Acuse>'))).toBe('not_a_cfdi');
    expect(reasonOf(parse(cfdiXml().replace('Version="4.0"', 'version="3.2"')))).toBe('unsupported_version');
    expect(reasonOf(parse(cfdiXml().replace(/<cfdi:Complemento>[\s\S]*<\/cfdi:Complemento>/, '')))).toBe(
      'missing_value',
    );
    expect(reasonOf(parse(''))).toBe('empty');
  });

  it('refuses a bad amount naming the concept and attribute', () => {
    const outcome = parse(cfdiXml({ concepts: [{ ...DEFAULT_CONCEPT, Importe: '10,450.1O' }] }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({ reason: 'bad_value', field: 'Concepto 1/@Importe', row: 1 });
  });

  it('refuses an XML over the per-file limit', () => {
    const outcome = parseRawBuffer(Buffer.from(cfdiXml()), {
      path: 'x.xml',
      report: 'cfdi',
      snapshotDate: '2025-06-03',
      maxBytes: 100,
    });
    expect(reasonOf(outcome)).toBe('too_large');
  });
});

describe('CFDI folder import', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'puente-cfdi-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lands and parses every XML recursively, reports duplicate UUIDs and is idempotent', async () => {
    const inbox = join(root, 'facturas');
    await mkdir(join(inbox, '2025', 'mayo'), { recursive: true });
    await writeFile(join(inbox, '2025', 'mayo', 'P-6537.XML'), cfdiXml());
    await writeFile(
      join(inbox, '2025', 'P-6538.xml'),
      cfdiXml({ folio: '6538', uuid: 'b1b2c3d4-e5f6-4789-abcd-0123456789ef' }),
    );
    // A re-issued copy with different bytes but the same stamp.
    await writeFile(
      join(inbox, 'copia P-6537.xml'),
      cfdiXml().replace('PROVEEDOR SA DE CV', 'PROVEEDOR S.A. DE C.V.'),
    );
    await writeFile(join(inbox, 'roto.xml'), '<cfdi:Comprobante');
    await writeFile(join(inbox, 'notas.txt'), 'not an invoice');
    await symlink(inbox, join(inbox, '2025', 'loop'));

    expect((await listXmlFiles([inbox])).map((f) => f.slice(inbox.length))).toEqual([
      '/2025/P-6538.xml',
      '/2025/mayo/P-6537.XML',
      '/copia P-6537.xml',
      '/roto.xml',
    ]);

    await expect(listXmlFiles([join(root, 'missing')])).rejects.toThrow(
      /missing does not exist .*cfdiFolders/,
    );

    const dataDir = join(root, 'data');
    const store = await LandingStore.open(dataDir);
    const options = {
      snapshotDate: '2025-06-03',
      quarantineDir: join(dataDir, 'quarantine'),
      runId: 'run-1',
    };
    const first = await importCfdiFolders(store, [inbox], options);
    expect(first.files.map((f) => [f.isNew, f.outcome.ok])).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(first.duplicates).toEqual([
      {
        uuid: 'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
        files: [expect.stringContaining('P-6537.XML'), expect.stringContaining('copia')],
      },
    ]);
    expect(store.list().map((e) => e.outcome.status)).toEqual(['parsed', 'parsed', 'parsed', 'quarantined']);

    const second = await importCfdiFolders(await LandingStore.open(dataDir), [inbox], {
      ...options,
      runId: 'run-2',
    });
    expect(second.files.every((f) => !f.isNew)).toBe(true);
    const reopened = await LandingStore.open(dataDir);
    expect(reopened.list()).toHaveLength(4);
    // Four landings and four outcomes from the first run; the second run appended nothing.
    expect((await readFile(reopened.manifestFile, 'utf8')).trim().split('\n')).toHaveLength(8);
    expect(reopened.list().every((e) => e.runId === 'run-1')).toBe(true);
  });
});
