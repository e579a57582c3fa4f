import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CanonicalBatch } from '../datasets';
import { failure, type ParseFailure } from '../failure';
import { canonicalRow, type FieldCell, type ParseContext, ProblemLog } from '../table';
import { decimal, money, text, timestamp, uuid, type ValueParser } from '../values';

/** A CFDI is a few kilobytes; anything far larger is not one we should parse. */
export const MAX_CFDI_BYTES = 5 * 1024 * 1024;

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['Concepto', 'CfdiRelacionados', 'CfdiRelacionado', 'Complemento']);

// Entities stay unprocessed in the parser (a DOCTYPE is refused before parsing anyway); the five
// predefined entities and character references in attribute values are decoded here.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'windows-1252': 'windows-1252',
};

/** Decodes by byte order mark, else by the XML declaration's encoding (UTF-8 by default), strictly. */
function decodeXml(raw: Buffer, fileName: string): string | ParseFailure {
  if (raw[0] === 0xff && raw[1] === 0xfe) return raw.subarray(2).toString('utf16le');
  const hasBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const buf = hasBom ? raw.subarray(3) : raw;
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(
    buf.subarray(0, 200).toString('latin1'),
  );
  const label = declared?.[1]?.toLowerCase() ?? 'utf-8';
  const encoding = ENCODINGS[label];
  if (!encoding)
    return failure(
      'xml_malformed',
      `${fileName} declares encoding "${label}", which is not supported; save it as UTF-8`,
    );
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return failure('xml_malformed', `${fileName} is not valid ${label} text; save it as UTF-8`);
  }
}

const asArray = (value: unknown): XmlNode[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is XmlNode => typeof v === 'object' && v !== null,
  );

const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => asArray(node?.[name])[0];

const attr = (node: XmlNode | undefined, name: string): string | null => {
  const value = node?.[name];
  return typeof value === 'string' ? decodeEntities(value) : null;
};

function field(
  column: string,
  fieldName: string,
  parse: ValueParser,
  node: XmlNode | undefined,
  name: string,
) {
  return { column, field: fieldName, parse, cell: attr(node, name) } satisfies FieldCell;
}

export interface CfdiResult {
  uuid: string;
  invoice: CanonicalBatch;
  concepts: CanonicalBatch;
}

/** Parses one CFDI 3.3 or 4.0 into its header row (cfdi_invoices) and concept rows (cfdi_concepts). */
export function readCfdi(
  buf: Buffer,
  context: ParseContext,
  maxBytes = MAX_CFDI_BYTES,
): CfdiResult | ParseFailure {
  const { fileName } = context;
  if (buf.length === 0) return failure('empty', `${fileName} is empty; copy the invoice again`);
  if (buf.length > maxBytes) {
    return failure(
      'too_large',
      `${fileName} is ${buf.length} bytes, over the ${maxBytes}-byte limit for a CFDI; check that it is an invoice`,
    );
  }
  const xml = decodeXml(buf, fileName);
  if (typeof xml !== 'string') return xml;
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    return failure(
      'xml_entity_expansion',
      `${fileName} declares a DOCTYPE or entities, which a CFDI never has; it was not parsed. Ask the issuer for the stamped XML`,
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return failure(
      'xml_malformed',
      `${fileName} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); copy the invoice again`,
      { row: valid.err.line },
    );
  }

  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    // The parser refuses nesting past its depth limit (100), which no CFDI reaches.
    return failure(
      'xml_malformed',
      `${fileName} cannot be parsed (${(error as Error).message}); copy the invoice again`,
    );
  }
  const comprobante = child(document, 'Comprobante');
  if (!comprobante)
    return failure(
      'not_a_cfdi',
      `${fileName} is XML but not a CFDI (no cfdi:Comprobante root); remove it from the invoice folder`,
    );
  const version = attr(comprobante, 'Version');
  if (version !== '3.3' && version !== '4.0') {
    return failure(
      'unsupported_version',
      `${fileName} is CFDI version ${version ?? attr(comprobante, 'version') ?? '(none)'}; only 3.3 and 4.0 are read`,
    );
  }
  const stamp = asArray(comprobante.Complemento)
    .map((c) => child(c, 'TimbreFiscalDigital'))
    .find(Boolean);
  const log = new ProblemLog();
  const stampUuid = uuid(attr(stamp, 'UUID'));
  if (!stampUuid.ok || stampUuid.value === null) {
    return failure(
      'missing_value',
      `${fileName} has no valid TimbreFiscalDigital UUID (not stamped by the SAT); ask the issuer for the stamped XML`,
      { field: 'UUID' },
    );
  }
  const id = stampUuid.value;
  const impuestos = child(comprobante, 'Impuestos');
  const relacionados = child(comprobante, 'CfdiRelacionados');
  const invoiceValues = canonicalRow(
    'cfdi_invoices',
    [
      field('version', 'Version', text, comprobante, 'Version'),
      field('serie', 'Serie', text, comprobante, 'Serie'),
      field('folio', 'Folio', text, comprobante, 'Folio'),
      field('fecha', 'Fecha', timestamp, comprobante, 'Fecha'),
      field('tipo_comprobante', 'TipoDeComprobante', text, comprobante, 'TipoDeComprobante'),
      field('emisor_rfc', 'Emisor/@Rfc', text, child(comprobante, 'Emisor'), 'Rfc'),
      field('receptor_rfc', 'Receptor/@Rfc', text, child(comprobante, 'Receptor'), 'Rfc'),
      field('moneda', 'Moneda', text, comprobante, 'Moneda'),
      field('subtotal', 'SubTotal', money, comprobante, 'SubTotal'),
      field('descuento', 'Descuento', money, comprobante, 'Descuento'),
      field('total', 'Total', money, comprobante, 'Total'),
      field(
        'impuestos_trasladados',
        'Impuestos/@TotalImpuestosTrasladados',
        money,
        impuestos,
        'TotalImpuestosTrasladados',
      ),
      field(
        'impuestos_retenidos',
        'Impuestos/@TotalImpuestosRetenidos',
        money,
        impuestos,
        'TotalImpuestosRetenidos',
      ),
      field('tipo_relacion', 'CfdiRelacionados/@TipoRelacion', text, relacionados, 'TipoRelacion'),
      field(
        'uuid_relacionado',
        'CfdiRelacionado/@UUID',
        uuid,
        child(relacionados, 'CfdiRelacionado'),
        'UUID',
      ),
      field('fecha_timbrado', 'TimbreFiscalDigital/@FechaTimbrado', timestamp, stamp, 'FechaTimbrado'),
    ],
    { uuid: id },
    1,
    log,
  );

  const concepts = asArray(child(comprobante, 'Conceptos')?.Concepto);
  const conceptRows = concepts.map((concepto, index) => {
    const line = index + 1;
    const name = (attribute: string) => `Concepto ${line}/@${attribute}`;
    const values = canonicalRow(
      'cfdi_concepts',
      [
        field('clave_prod_serv', name('ClaveProdServ'), text, concepto, 'ClaveProdServ'),
        field('no_identificacion', name('NoIdentificacion'), text, concepto, 'NoIdentificacion'),
        field('cantidad', name('Cantidad'), decimal, concepto, 'Cantidad'),
        field('clave_unidad', name('ClaveUnidad'), text, concepto, 'ClaveUnidad'),
        field('descripcion', name('Descripcion'), text, concepto, 'Descripcion'),
        field('valor_unitario', name('ValorUnitario'), decimal, concepto, 'ValorUnitario'),
        field('importe', name('Importe'), money, concepto, 'Importe'),
        field('descuento', name('Descuento'), money, concepto, 'Descuento'),
      ],
      { uuid: id, line_no: String(line) },
      line,
      log,
    );
    return { srcRow: line, values };
  });

  const problems = log.toFailure(fileName);
  if (problems) return problems;
  const batch = (dataset: CanonicalBatch['dataset'], rows: CanonicalBatch['rows']): CanonicalBatch => ({
    dataset,
    srcFile: context.srcFile,
    srcSha256: context.srcSha256,
    rows,
    extraColumns: [],
  });
  return {
    uuid: id,
    invoice: batch('cfdi_invoices', [{ srcRow: 1, values: invoiceValues }]),
    concepts: batch('cfdi_concepts', conceptRows),
  };
}
