import { dayFromIso } from './days';
import { generateInvoices } from './invoices';
import { generatePaq } from './paq';
import { generateUploads } from './prei';
import { Random } from './random';
import { generateContracts, generateOrdersAndAltas, generateUnits, setContractCeilings } from './supply';
import type { World, WorldParams } from './types';

export const DEFAULT_WORLD: WorldParams = {
  seed: 20250630,
  startDate: '2024-01-01',
  endDate: '2025-12-31',
  altasPerYear: 3000,
};

/**
 * Generates the whole world from a seed: the same parameters give the same world, byte for byte.
 * Each concern draws from its own forked stream, so changing one does not reshuffle the others.
 */
export function generateWorld(params: Partial<WorldParams> = {}): World {
  const full: WorldParams = { ...DEFAULT_WORLD, ...params };
  const startDay = dayFromIso(full.startDate);
  const endDay = dayFromIso(full.endDate);
  if (endDay < startDay) throw new Error(`endDate ${full.endDate} is before startDate ${full.startDate}`);
  if (!(full.altasPerYear > 0)) throw new Error('altasPerYear must be positive');
  const root = new Random(full.seed);
  const units = generateUnits(root.fork('units'), full.altasPerYear);
  const contracts = generateContracts(root.fork('contracts'), startDay, endDay, full.altasPerYear);
  const { orders, altas } = generateOrdersAndAltas(
    root.fork('orders'),
    startDay,
    endDay,
    full.altasPerYear,
    contracts,
    units,
  );
  setContractCeilings(root.fork('ceilings'), contracts, orders);
  const invoices = generateInvoices(root.fork('invoices'), altas, orders, contracts, startDay, endDay);
  const uploads = generateUploads(root.fork('prei'), invoices, altas, orders, units);
  const paq = generatePaq(root.fork('paq'), invoices, altas, orders);
  return { params: full, startDay, endDay, units, contracts, orders, altas, invoices, uploads, paq };
}
