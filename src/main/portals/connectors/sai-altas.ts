import { saiReport } from './sai';

/**
 * SAI "Altas" (goods receipts), by receipt date. A receipt does not change once recorded, so a window
 * is only extracted again while it is recent (a unit may record a delivery a few days late).
 */
export const saiAltasConnector = saiReport({
  source: 'sai_altas',
  report: 'sai_altas',
  menuLink: 'Altas',
  path: 'altas',
  openRows: () => 0,
});
