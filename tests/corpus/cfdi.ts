import { cfdiXml } from '../fixtures/cfdi';
import { CORPUS_SNAPSHOT, type CorpusSource, parsed, quarantined } from './types';

const uuidOf = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const xml = (n: number, spec: Parameters<typeof cfdiXml>[0] = {}) =>
  cfdiXml({ uuid: uuidOf(n).toUpperCase(), folio: `9${n}`, ...spec });

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Serie="&lol9;"/>
`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Serie="&xxe;"/>
`;

/** Latin-1 bytes of an invoice whose description has accents, declaring the given encoding. */
function latin1Invoice(n: number, declared: string): Buffer {
  const text = xml(n, {
    concepts: [
      {
        Cantidad: '1',
        Descripcion: 'ÁCIDO ACETILSALICÍLICO, CAJA CON 20 PIEZAS (ÑANDÚ)',
        ValorUnitario: '10.00',
        Importe: '10.00',
      },
    ],
    subTotal: '10.00',
    total: '10.00',
  }).replace('encoding="UTF-8"', `encoding="${declared}"`);
  return Buffer.from(text, 'latin1');
}

/** Elements nested far beyond any CFDI, to exhaust a recursive parser. */
function deepNesting(depth: number): string {
  return `<?xml version="1.0"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</cfdi:Comprobante>`;
}

/** Hostile invoices dropped in the analyst's CFDI folder. */
export function cfdiCases(): CorpusSource[] {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const cases: Array<[string, Buffer, CorpusSource['expect'], string]> = [
    [
      'cfdi-malformed.xml',
      Buffer.from(xml(1).replace('</cfdi:Conceptos>', '')),
      quarantined('xml_malformed'),
      'an unclosed element',
    ],
    [
      'cfdi-billion-laughs.xml',
      Buffer.from(BILLION_LAUGHS),
      quarantined('xml_entity_expansion'),
      'entity expansion bomb (10^9 "lol")',
    ],
    [
      'cfdi-external-entity.xml',
      Buffer.from(XXE),
      quarantined('xml_entity_expansion'),
      'an external entity pointing at /etc/passwd',
    ],
    [
      'cfdi-not-a-cfdi.xml',
      Buffer.from('<?xml version="1.0"?><factura><total>10</total></factura>'),
      quarantined('not_a_cfdi'),
      'XML of another kind',
    ],
    [
      'cfdi-version-2.2.xml',
      Buffer.from(xml(2).replace('Version="4.0"', 'Version="2.2"')),
      quarantined('unsupported_version'),
      'a CFDI version nobody reads any more',
    ],
    [
      'cfdi-unstamped.xml',
      Buffer.from(xml(3).replace(/<cfdi:Complemento>[\s\S]*<\/cfdi:Complemento>/, '')),
      quarantined('missing_value'),
      'no SAT stamp, so no UUID',
    ],
    [
      'cfdi-latin1-declared-utf8.xml',
      latin1Invoice(4, 'UTF-8'),
      quarantined('xml_malformed'),
      'Latin-1 bytes under a UTF-8 declaration',
    ],
    ['cfdi-latin1-declared.xml', latin1Invoice(5, 'ISO-8859-1'), parsed(1), 'Latin-1, declared as such'],
    [
      'cfdi-ebcdic.xml',
      Buffer.from(xml(6).replace('encoding="UTF-8"', 'encoding="EBCDIC-CP-US"')),
      quarantined('xml_malformed'),
      'an encoding nobody supports',
    ],
    ['cfdi-utf8-bom.xml', Buffer.concat([BOM, Buffer.from(xml(7))]), parsed(1), 'a UTF-8 byte order mark'],
    [
      'cfdi-utf16-bom.xml',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(xml(8).replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
      ]),
      parsed(1),
      'UTF-16 with its byte order mark',
    ],
    [
      'cfdi-lowercase-uuid.xml',
      Buffer.from(xml(9, { uuid: uuidOf(9) })),
      parsed(1),
      'lowercase UUID: upper-cased',
    ],
    [
      'cfdi-bad-total.xml',
      Buffer.from(xml(10, { total: '1,0.0.0' })),
      quarantined('bad_value'),
      'a total that is not a number',
    ],
    [
      'cfdi-bad-date.xml',
      Buffer.from(xml(11, { fecha: '16/13/2025T10:32:05' })),
      quarantined('bad_value'),
      'month 13',
    ],
    [
      'cfdi-deep-nesting.xml',
      Buffer.from(deepNesting(20_000)),
      quarantined('xml_malformed'),
      '20,000 nested elements',
    ],
    [
      'cfdi-whitespace.xml',
      Buffer.from('\r\n \r\n'),
      quarantined('xml_malformed'),
      'blank lines, no element at all',
    ],
    [
      'cfdi-oversized.xml',
      Buffer.from(xml(12).replace('<cfdi:Emisor', `<!--${'x'.repeat(6 * 1024 * 1024)}--><cfdi:Emisor`)),
      quarantined('too_large'),
      '6 MB: no invoice is that big',
    ],
  ];
  return cases.map(([name, bytes, expect, why]) => ({
    name,
    report: 'cfdi',
    portal: 'local',
    parameters: { snapshotDate: CORPUS_SNAPSHOT },
    expect,
    why,
    bytes,
  }));
}
