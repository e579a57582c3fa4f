import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewCharts } from '../../../src/main/recon/overview';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { craftedWarehouse } from '../../integration/recon/crafted-warehouse';

let session: DuckDbSession;

beforeAll(async () => {
  session = await craftedWarehouse(':memory:');
});

afterAll(async () => {
  await session?.close();
});

const total = (amounts: string[]) =>
  amounts.reduce((sum, value) => sum.plus(value), new Decimal(0)).toFixed(2);

async function martTotals(mart: string) {
  const [row] = await session.all(`SELECT sum(altas) AS altas, sum(amount) AS amount FROM marts.${mart}`);
  return { altas: Number(row?.altas), amount: new Decimal(String(row?.amount)).toFixed(2) };
}

describe('overview charts over the crafted world', () => {
  it('the funnel by month adds up to marts.collection_funnel, month by month and stage by stage', async () => {
    const charts = await overviewCharts(session);
    expect(charts.ready).toBe(true);
    const months = await session.all(
      'SELECT DISTINCT CAST(month AS VARCHAR) AS month FROM marts.collection_funnel ORDER BY month',
    );
    expect(charts.funnel.map((entry) => entry.month)).toEqual(months.map((row) => String(row.month)));
    const mart = await martTotals('collection_funnel');
    expect(total(charts.funnel.map((entry) => entry.amount))).toBe(mart.amount);
    expect(charts.funnel.reduce((sum, entry) => sum + entry.altas, 0)).toBe(mart.altas);
    for (const entry of charts.funnel) {
      expect(total(entry.stages.map((stage) => stage.amount))).toBe(new Decimal(entry.amount).toFixed(2));
    }
  });

  it('the aging buckets add up to marts.aging, in the buckets order', async () => {
    const charts = await overviewCharts(session);
    const buckets = await session.all(
      'SELECT bucket FROM marts.aging GROUP BY bucket, sort_order ORDER BY sort_order, bucket',
    );
    expect(charts.aging.map((entry) => entry.bucket)).toEqual(buckets.map((row) => String(row.bucket)));
    const mart = await martTotals('aging');
    expect(total(charts.aging.map((entry) => entry.amount))).toBe(mart.amount);
    expect(charts.aging.reduce((sum, entry) => sum + entry.altas, 0)).toBe(mart.altas);
  });

  it('is empty, not an error, before the marts are built', async () => {
    const empty = await DuckDbSession.open(':memory:');
    try {
      expect(await overviewCharts(empty)).toEqual({ ready: false, funnel: [], aging: [] });
    } finally {
      await empty.close();
    }
  });
});
