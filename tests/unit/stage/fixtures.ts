import { createHash } from 'node:crypto';
import type { CanonicalBatch } from '../../../src/main/ingest/datasets';

/** A deterministic sai_altas batch of `rows` rows; `seed` changes the raw file identity and the values. */
export function altasBatch(rows: number, seed = 'a'): CanonicalBatch {
  const srcSha256 = createHash('sha256').update(`altas-${seed}-${rows}`).digest('hex');
  return {
    dataset: 'sai_altas',
    srcFile: `landing/${srcSha256.slice(0, 2)}/${srcSha256}.xlsx`,
    srcSha256,
    extraColumns: [],
    rows: Array.from({ length: rows }, (_, i) => ({
      srcRow: i + 2,
      values: {
        no_alta: `05800${i % 10}-${String(100000 + i).padStart(6, '0')}`,
        fecha_alta: `2025-0${(i % 9) + 1}-1${i % 10}`,
        no_contrato: 'U220749',
        no_orden: String(40126288 + i),
        clave: '010-000-4411-00-00',
        cant_recibida: String(10 + (i % 7)),
        importe: `${1000 + (i % 1000)}.${String(i % 100).padStart(2, '0')}`,
        fpp: null,
        clas_ptal_recep: '058001000000',
        desc_unidad: seed === 'a' ? 'ALMACEN DELEGACIONAL' : `UNIDAD ${seed}`,
        clas_ptal_dist: null,
        desc_dist: null,
        total_items: i % 3 === 0 ? null : String(i % 50),
        resguardo: null,
        snapshot_date: '2025-07-01',
      },
    })),
  };
}
