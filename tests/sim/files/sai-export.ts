import type { WorldView } from '../world/as-of';
import { LOGISTICS, withoutAccents } from '../world/catalog';
import { type Day, dmyOf } from '../world/days';
import { centsToDecimal } from '../world/money';
import type { Alta, Contract, Order, Unit, World } from '../world/types';
import { type Cell, sheetBytes } from './workbook';

/** SAI's altas export columns, in order (shared/domain.md). */
export const ALTAS_COLUMNS = [
  'noAlta',
  'fechaAltaTrunc',
  'noContrato',
  'noOrden',
  'clave',
  'cantRecibida',
  'importe',
  'fpp',
  'clasPtalRecep',
  'descUnidad',
  'clasPtalDist',
  'descDist',
  'totalItems',
  'resguardo',
] as const;

/** SAI's orders export columns, in order (the accent in descripciónEntrega is the portal's). */
export const ORDERS_COLUMNS = [
  'contrato',
  'solicitud',
  'orden',
  'generacion',
  'cveArticulo',
  'fechaExpedicion',
  'lugarEntrega',
  'descripciónEntrega',
  'direccionEntrega',
  'destinoFinal',
  'estatus',
  'fechaEntrega',
  'cantidadSolicitada',
  'precio',
  'importeSinIva',
] as const;

const UNIT_NAME_WIDTH = 70;
const FPP_DAYS = 45;

function unitOf(world: World, order: Order): Unit {
  return world.units[order.unit] as Unit;
}

function claveOf(world: World, order: Order): string {
  return (world.contracts[order.contract] as Contract).articles[order.article]?.clave ?? '';
}

/** Accents as the unit's catalog entry has them, except one row in ten typed the other way. */
function unitName(unit: Unit, alta: Alta): string {
  const flip = alta.id.endsWith('7');
  return unit.accentless !== flip ? withoutAccents(unit.name) : unit.name;
}

/** Altas rows as SAI exports them: text dates, padded unit names, leading-zero ids, empty tails. */
export function altasRows(view: WorldView, from: Day, to: Day): Cell[][] {
  const { world } = view;
  const rows: Cell[][] = [];
  for (const alta of view.altas(from, to)) {
    const order = world.orders[alta.order] as Order;
    const unit = unitOf(world, order);
    const provider = LOGISTICS[order.logistics] ?? LOGISTICS[0];
    const row: Cell[] = [
      alta.id,
      dmyOf(alta.day),
      (world.contracts[order.contract] as Contract).id,
      Number(order.id),
      claveOf(world, order),
      alta.quantity,
      Number(centsToDecimal(alta.amountCents)),
      dmyOf(alta.day + FPP_DAYS),
      unit.clasPtal,
      unitName(unit, alta).padEnd(UNIT_NAME_WIDTH, ' '),
      alta.hasDistributor ? `00${provider.code}` : null,
      alta.hasDistributor ? provider.name : null,
      alta.hasDistributor ? 1 : null,
      alta.hasDistributor ? `R${alta.id.slice(0, 6)}${String(alta.order).padStart(7, '0')}` : null,
    ];
    rows.push(row);
    if (alta.duplicatedInExport) rows.push([...row]);
  }
  return rows;
}

/** Orders rows as SAI exports them: every number as text. */
export function ordersRows(view: WorldView, from: Day, to: Day): Cell[][] {
  const { world } = view;
  return view.orders(from, to).map((order) => {
    const unit = unitOf(world, order);
    return [
      (world.contracts[order.contract] as Contract).id,
      order.solicitud,
      order.id,
      order.generacion,
      claveOf(world, order),
      dmyOf(order.issueDay),
      unit.clasPtal,
      unit.name,
      `AV. DEL IMSS ${Number(unit.delegation) * 100 + Number(unit.code.slice(2))}, DELEGACION ${unit.delegation}`,
      unit.kind === 'warehouse' ? 'ALMACEN' : 'FARMACIA',
      view.orderState(order),
      dmyOf(order.deadlineDay),
      String(order.quantity),
      centsToDecimal(order.priceCents),
      centsToDecimal(order.quantity * order.priceCents),
    ];
  });
}

export function altasWorkbook(view: WorldView, from: Day, to: Day): Buffer {
  return sheetBytes('data', [[...ALTAS_COLUMNS], ...altasRows(view, from, to)], 'xlsx');
}

export function ordersWorkbook(view: WorldView, from: Day, to: Day): Buffer {
  return sheetBytes('data', [[...ORDERS_COLUMNS], ...ordersRows(view, from, to)], 'xlsx');
}
