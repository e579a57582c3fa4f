/** Reference data of the simulated world: invented, but in the real formats (see shared/domain.md). */

export const SUPPLIER = {
  name: 'DISTRIBUIDORA FARMACEUTICA DEL PUENTE SA DE CV',
  rfc: 'DFP980312KU4',
  regimenFiscal: '601',
  lugarExpedicion: '06600',
  /** Ten-digit PREI supplier number (file names and preamble). */
  preiNumber: '0000412837',
} as const;

export const IMSS = {
  rfc: 'IMS421231I45',
  name: 'INSTITUTO MEXICANO DEL SEGURO SOCIAL',
  domicilioFiscal: '06700',
  regimenFiscal: '603',
} as const;

/** Customers other than IMSS: their invoices are real CFDI but never reach SAI or PREI. */
export const OTHER_CUSTOMERS = [
  {
    rfc: 'HSA0502174N1',
    name: 'HOSPITAL SAN ANGEL SA DE CV',
    domicilioFiscal: '01000',
    regimenFiscal: '601',
  },
  {
    rfc: 'FGU130822TQ8',
    name: 'FARMACIAS GUADIANA SA DE CV',
    domicilioFiscal: '34000',
    regimenFiscal: '601',
  },
] as const;

export const DELEGATIONS: readonly string[] = [
  'AGUASCALIENTES',
  'BAJA CALIFORNIA',
  'BAJA CALIFORNIA SUR',
  'CAMPECHE',
  'COAHUILA',
  'COLIMA',
  'CHIAPAS',
  'CHIHUAHUA',
  'NORTE DEL D.F.',
  'DURANGO',
  'GUANAJUATO',
  'GUERRERO',
  'HIDALGO',
  'JALISCO',
  'ESTADO DE MÉXICO ORIENTE',
  'ESTADO DE MÉXICO PONIENTE',
  'MICHOACÁN',
  'MORELOS',
  'NAYARIT',
  'NUEVO LEÓN',
  'OAXACA',
  'PUEBLA',
  'QUERÉTARO',
  'QUINTANA ROO',
  'SAN LUIS POTOSÍ',
  'SINALOA',
  'SONORA',
  'TABASCO',
  'TAMAULIPAS',
  'TLAXCALA',
  'VERACRUZ NORTE',
  'VERACRUZ SUR',
  'YUCATÁN',
  'ZACATECAS',
  'SUR DEL D.F.',
  'UMAE CENTRO MÉDICO NACIONAL',
  'UMAE OCCIDENTE',
  'UMAE NORESTE',
];

export type UnitKind = 'warehouse' | 'hospital';

export const UNIT_TYPES: readonly { code: string; kind: UnitKind; name: string }[] = [
  { code: '8001', kind: 'warehouse', name: 'ALMACÉN DELEGACIONAL' },
  { code: '8002', kind: 'warehouse', name: 'ALMACÉN DE TRÁNSITO' },
  { code: '8003', kind: 'warehouse', name: 'SUBALMACÉN DE MEDICAMENTOS' },
  { code: '8004', kind: 'warehouse', name: 'ALMACÉN DE RED FRÍA' },
  { code: '8005', kind: 'warehouse', name: 'ALMACÉN REGIONAL DE ABASTO' },
  { code: '1901', kind: 'hospital', name: 'FARMACIA HOSPITAL GENERAL DE ZONA NÚM. 1' },
  { code: '1001', kind: 'hospital', name: 'FARMACIA HOSPITAL GENERAL REGIONAL NÚM. 2' },
  { code: '1101', kind: 'hospital', name: 'FARMACIA UNIDAD MÉDICA DE ALTA ESPECIALIDAD' },
];

export interface Article {
  clave: string;
  description: string;
  /** Base unit price in cents (contracts vary it a little). */
  priceCents: number;
  /** Typical order quantity. */
  typicalQuantity: number;
}

export const ARTICLES: readonly Article[] = [
  {
    clave: '010-000-0104-00-00',
    description: 'PARACETAMOL TABLETA 500 MG ENVASE CON 10 TABLETAS',
    priceCents: 1150,
    typicalQuantity: 4000,
  },
  {
    clave: '010-000-0101-00-00',
    description: 'ÁCIDO ACETILSALICÍLICO TABLETA 500 MG ENVASE CON 20 TABLETAS',
    priceCents: 1480,
    typicalQuantity: 3000,
  },
  {
    clave: '010-000-1206-00-00',
    description: 'BUTILHIOSCINA GRAGEA 10 MG ENVASE CON 10 GRAGEAS',
    priceCents: 1875,
    typicalQuantity: 2500,
  },
  {
    clave: '010-000-1921-00-00',
    description: 'BENCILPENICILINA SÓDICA CRISTALINA SOLUCIÓN INYECTABLE 1 000 000 UI',
    priceCents: 2390,
    typicalQuantity: 1500,
  },
  {
    clave: '010-000-2128-00-00',
    description: 'AMOXICILINA CÁPSULA 500 MG ENVASE CON 15 CÁPSULAS',
    priceCents: 2210,
    typicalQuantity: 3500,
  },
  {
    clave: '010-000-2230-00-00',
    description: 'AMOXICILINA/ÁCIDO CLAVULÁNICO SUSPENSIÓN ORAL 125 MG/31.25 MG',
    priceCents: 4590,
    typicalQuantity: 1200,
  },
  {
    clave: '010-000-4411-00-00',
    description: 'METFORMINA TABLETA 850 MG ENVASE CON 30 TABLETAS',
    priceCents: 1699,
    typicalQuantity: 5000,
  },
  {
    clave: '010-000-0657-00-00',
    description: 'PRAVASTATINA TABLETA 10 MG ENVASE CON 30 TABLETAS',
    priceCents: 3920,
    typicalQuantity: 2000,
  },
  {
    clave: '010-000-0574-00-00',
    description: 'CAPTOPRIL TABLETA 25 MG ENVASE CON 30 TABLETAS',
    priceCents: 1245,
    typicalQuantity: 3000,
  },
  {
    clave: '010-000-2501-00-00',
    description: 'ENALAPRIL TABLETA 10 MG ENVASE CON 30 TABLETAS',
    priceCents: 1330,
    typicalQuantity: 4000,
  },
  {
    clave: '010-000-1050-00-00',
    description: 'INSULINA HUMANA ACCIÓN INTERMEDIA NPH SUSPENSIÓN INYECTABLE 100 UI/ML',
    priceCents: 9870,
    typicalQuantity: 800,
  },
  {
    clave: '010-000-1051-00-00',
    description: 'INSULINA HUMANA ACCIÓN RÁPIDA REGULAR SOLUCIÓN INYECTABLE 100 UI/ML',
    priceCents: 10250,
    typicalQuantity: 600,
  },
  {
    clave: '010-000-5186-00-00',
    description: 'OMEPRAZOL CÁPSULA 20 MG ENVASE CON 14 CÁPSULAS',
    priceCents: 985,
    typicalQuantity: 6000,
  },
  {
    clave: '010-000-0472-00-00',
    description: 'PREDNISONA TABLETA 5 MG ENVASE CON 20 TABLETAS',
    priceCents: 1120,
    typicalQuantity: 2000,
  },
  {
    clave: '010-000-3417-00-00',
    description: 'DICLOFENACO SOLUCIÓN INYECTABLE 75 MG ENVASE CON 2 AMPOLLETAS',
    priceCents: 1560,
    typicalQuantity: 2500,
  },
  {
    clave: '010-000-2304-00-00',
    description: 'LOSARTÁN TABLETA 50 MG ENVASE CON 30 TABLETAS',
    priceCents: 2075,
    typicalQuantity: 4500,
  },
  {
    clave: '010-000-5106-00-00',
    description: 'CEFTRIAXONA SOLUCIÓN INYECTABLE 1 G ENVASE CON UN FRASCO ÁMPULA',
    priceCents: 3340,
    typicalQuantity: 1800,
  },
  {
    clave: '010-000-4158-00-00',
    description: 'ATORVASTATINA TABLETA 20 MG ENVASE CON 10 TABLETAS',
    priceCents: 2812,
    typicalQuantity: 3000,
  },
  {
    clave: '010-000-1345-00-00',
    description: 'SALBUTAMOL SUSPENSIÓN EN AEROSOL 100 µG ENVASE CON 200 DOSIS',
    priceCents: 4765,
    typicalQuantity: 1500,
  },
  {
    clave: '010-000-0621-00-00',
    description: 'NIFEDIPINO CÁPSULA DE GELATINA BLANDA 10 MG ENVASE CON 20 CÁPSULAS',
    priceCents: 1433,
    typicalQuantity: 2500,
  },
  {
    clave: '010-000-3623-00-00',
    description: 'GLIBENCLAMIDA TABLETA 5 MG ENVASE CON 50 TABLETAS',
    priceCents: 890,
    typicalQuantity: 5000,
  },
  {
    clave: '010-000-2714-00-00',
    description: 'ÁCIDO FÓLICO TABLETA 5 MG ENVASE CON 20 TABLETAS',
    priceCents: 655,
    typicalQuantity: 6000,
  },
  {
    clave: '010-000-4255-00-00',
    description: 'CIPROFLOXACINO CÁPSULA O TABLETA 250 MG ENVASE CON 8',
    priceCents: 1790,
    typicalQuantity: 2200,
  },
  {
    clave: '010-000-0804-00-00',
    description: 'METOCLOPRAMIDA TABLETA 10 MG ENVASE CON 20 TABLETAS',
    priceCents: 760,
    typicalQuantity: 3000,
  },
];

/** The two logistics providers: the second one runs late more often and by more. */
export const LOGISTICS = [
  {
    code: '0095000012',
    name: 'LOGISTICA FARMACEUTICA DEL NORTE SA DE CV',
    lateProbability: 0.1,
    maxLateDays: 6,
  },
  {
    code: '0095000047',
    name: 'TRANSPORTES Y ALMACENES DEL BAJIO SA DE CV',
    lateProbability: 0.28,
    maxLateDays: 18,
  },
] as const;

/** The usual PREI lifecycle, plus the states "not in the usual list" that real portals show. */
export const PREI_STATES = [
  'Sin Contra Recibo',
  'En proceso',
  'Aprobado',
  'Pagado',
  'En revisión',
  'Rechazado',
] as const;
export type PreiState = (typeof PREI_STATES)[number];

export const ORDER_STATES = ['Pendiente', 'Atendida Parcial', 'Atendida', 'Cancelada'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** The answer key's status of an alta: PREI's state, or the two stages before PREI. */
export type AltaTrueStatus = 'Por facturar' | 'No en PREI' | PreiState;

/** Strips accents: SAI writes some unit names without them, inconsistently. */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
