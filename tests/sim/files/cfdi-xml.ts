import { IMSS, OTHER_CUSTOMERS, SUPPLIER } from '../world/catalog';
import { isoTimestamp } from '../world/days';
import { centsToDecimal } from '../world/money';
import type { Invoice, World } from '../world/types';

const NS = {
  '4.0': {
    cfdi: 'http://www.sat.gob.mx/cfd/4',
    xsd: 'http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd',
  },
  '3.3': {
    cfdi: 'http://www.sat.gob.mx/cfd/3',
    xsd: 'http://www.sat.gob.mx/sitio_internet/cfd/3/cfdv33.xsd',
  },
} as const;
const TFD_NS = 'http://www.sat.gob.mx/TimbreFiscalDigital';
const TFD_XSD = 'http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd';
/** Medicines: ClaveProdServ for drugs, unit "pieza". */
const CLAVE_PROD_SERV = '51101500';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

/** `010-000-4411-00-00` -> `010 000 4411 00 00`: how the supplier's descriptions start. */
export function claveWithSpaces(clave: string): string {
  return clave.replace(/-/g, ' ');
}

interface ConceptLine {
  quantity: number;
  amountCents: number;
  lot: string;
}

/** An alta billed in lots: quantities split in multiples of ten, the last lot takes the rest. */
function conceptLines(invoice: Invoice): ConceptLine[] {
  const lines: ConceptLine[] = [];
  let left = invoice.quantity;
  for (let n = 1; n <= invoice.lots; n++) {
    const quantity =
      n === invoice.lots ? left : Math.max(1, Math.floor(invoice.quantity / invoice.lots / 10) * 10);
    left -= quantity;
    lines.push({
      quantity,
      amountCents: quantity * invoice.unitPriceCents,
      lot: `${invoice.uuid.slice(0, 5)}${n}`,
    });
  }
  return lines;
}

/** A pseudo signature: base64 text of the right shape (the simulator signs nothing). */
function fakeSeal(seed: string, length: number): string {
  return Buffer.from(seed.repeat(Math.ceil(length / seed.length)).slice(0, length)).toString('base64');
}

function zeroVat(baseCents: number): string {
  return `<cfdi:Traslados><cfdi:Traslado${attrs({
    Base: centsToDecimal(baseCents),
    Impuesto: '002',
    TipoFactor: 'Tasa',
    TasaOCuota: '0.000000',
    Importe: '0.00',
  })}/></cfdi:Traslados>`;
}

/** The stamped XML of one invoice, in the SAT's CFDI 4.0 or 3.3 structure. */
export function cfdiXml(world: World, invoice: Invoice): string {
  const v40 = invoice.version === '4.0';
  const ns = NS[invoice.version];
  const uuid = invoice.lowercaseInXml ? invoice.uuid.toLowerCase() : invoice.uuid;
  const customer = invoice.customer < 0 ? IMSS : (OTHER_CUSTOMERS[invoice.customer] ?? IMSS);
  const total = centsToDecimal(invoice.totalCents);
  const fecha = isoTimestamp(invoice.day, invoice.seconds);
  const lines: ConceptLine[] =
    invoice.type === 'E'
      ? [{ quantity: 1, amountCents: invoice.totalCents, lot: '' }]
      : conceptLines(invoice);
  const concepts = lines
    .map((line) => {
      const lot = line.lot ? ` LOTE ${line.lot}` : '';
      return `<cfdi:Concepto${attrs({
        ClaveProdServ: invoice.type === 'E' ? '84111506' : CLAVE_PROD_SERV,
        NoIdentificacion: invoice.clave.replace(/-/g, ''),
        Cantidad: String(line.quantity),
        ClaveUnidad: invoice.type === 'E' ? 'ACT' : 'H87',
        Unidad: invoice.type === 'E' ? 'Actividad' : 'Pieza',
        Descripcion: `${claveWithSpaces(invoice.clave)} ${invoice.description}${lot}`,
        ValorUnitario: centsToDecimal(invoice.type === 'E' ? invoice.totalCents : invoice.unitPriceCents),
        Importe: centsToDecimal(line.amountCents),
        ObjetoImp: v40 ? '02' : undefined,
      })}><cfdi:Impuestos>${zeroVat(line.amountCents)}</cfdi:Impuestos></cfdi:Concepto>`;
    })
    .join('\n    ');
  const related =
    invoice.related >= 0 && invoice.relationType
      ? `\n  <cfdi:CfdiRelacionados TipoRelacion="${invoice.relationType}"><cfdi:CfdiRelacionado UUID="${
          world.invoices[invoice.related]?.uuid ?? ''
        }"/></cfdi:CfdiRelacionados>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="${ns.cfdi}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${ns.cfdi} ${ns.xsd}"${attrs(
    {
      Version: invoice.version,
      Serie: invoice.serie,
      Folio: invoice.folio,
      Fecha: fecha,
      Sello: fakeSeal(invoice.uuid, 128),
      FormaPago: invoice.type === 'E' ? '15' : '99',
      NoCertificado: '00001000000512345678',
      Certificado: fakeSeal(SUPPLIER.rfc, 96),
      CondicionesDePago: invoice.type === 'I' ? '45 DIAS' : undefined,
      SubTotal: total,
      Moneda: 'MXN',
      Total: total,
      TipoDeComprobante: invoice.type,
      Exportacion: v40 ? '01' : undefined,
      MetodoPago: invoice.type === 'E' ? 'PUE' : 'PPD',
      LugarExpedicion: SUPPLIER.lugarExpedicion,
    },
  )}>${related}
  <cfdi:Emisor${attrs({ Rfc: SUPPLIER.rfc, Nombre: SUPPLIER.name, RegimenFiscal: SUPPLIER.regimenFiscal })}/>
  <cfdi:Receptor${attrs({
    Rfc: customer.rfc,
    Nombre: customer.name,
    DomicilioFiscalReceptor: v40 ? customer.domicilioFiscal : undefined,
    RegimenFiscalReceptor: v40 ? customer.regimenFiscal : undefined,
    UsoCFDI: invoice.type === 'E' ? 'G02' : 'G01',
  })}/>
  <cfdi:Conceptos>
    ${concepts}
  </cfdi:Conceptos>
  <cfdi:Impuestos TotalImpuestosTrasladados="0.00">${zeroVat(invoice.totalCents)}</cfdi:Impuestos>
  <cfdi:Complemento>
    <tfd:TimbreFiscalDigital xmlns:tfd="${TFD_NS}" xsi:schemaLocation="${TFD_NS} ${TFD_XSD}"${attrs({
      Version: '1.1',
      UUID: uuid,
      FechaTimbrado: isoTimestamp(invoice.day, Math.min(invoice.seconds + 40, 86_399)),
      RfcProvCertif: 'SAT970701NN3',
      SelloCFD: fakeSeal(invoice.uuid, 64),
      NoCertificadoSAT: '00001000000505211329',
      SelloSAT: fakeSeal(uuid.split('').reverse().join(''), 64),
    })}/>
  </cfdi:Complemento>
</cfdi:Comprobante>
`;
}

export function cfdiFileName(invoice: Invoice): string {
  return `${invoice.serie}${invoice.folio}_${invoice.uuid}.xml`;
}
