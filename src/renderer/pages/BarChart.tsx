import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../grid/format';

/** One stretch of a bar: its label, pesos (exact decimal string) and altas. */
export interface BarSegment {
  label: string;
  amount: string;
  altas: number;
  /** A class for its fill (the stylesheet colours it; the CSP forbids inline styles). */
  tone: string;
}

export interface Bar {
  key: string;
  label: string;
  amount: string;
  altas: number;
  segments: BarSegment[];
}

const WIDTH = 720;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 150;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH;

/** Pixels only: the money itself is never computed here, only drawn. */
const pixels = (amount: string, largest: number) =>
  largest > 0 ? Math.max(0, (Number(amount) / largest) * PLOT_WIDTH) : 0;

/**
 * Horizontal bars as inline SVG, each bar one row (stacked when it has several segments). Screen
 * readers get the title, the description, a label per bar and a visually hidden table of the data.
 */
export function BarChart({
  title,
  description,
  category,
  bars,
  testId,
}: {
  title: string;
  description: string;
  /** The header of the first column of the hidden table (month, bucket). */
  category: string;
  bars: Bar[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const money = (value: string) => formatMoney(value, i18n.language);
  const largest = Math.max(0, ...bars.map((bar) => Number(bar.amount)));
  const height = Math.max(1, bars.length) * ROW_HEIGHT;
  return (
    <figure className="chart panel" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <svg
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        height={height}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        <g>
          {bars.map((bar, row) => {
            const y = row * ROW_HEIGHT;
            let x = LABEL_WIDTH;
            const summary = `${bar.label}: ${money(bar.amount)} (${t('tiles.altas', { count: bar.altas })})`;
            return (
              <g key={bar.key} className="chart-bar" data-testid="chart-bar">
                <title>{summary}</title>
                <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW_HEIGHT / 2} textAnchor="end">
                  {bar.label}
                </text>
                {bar.segments.map((segment) => {
                  const width = pixels(segment.amount, largest);
                  const rect = (
                    <rect
                      key={segment.label}
                      className={`chart-segment ${segment.tone}`}
                      x={x}
                      y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2}
                      width={width}
                      height={BAR_HEIGHT}
                    >
                      <title>{`${bar.label} · ${segment.label}: ${money(segment.amount)}`}</title>
                    </rect>
                  );
                  x += width;
                  return rect;
                })}
                <text className="chart-value" x={x + 6} y={y + ROW_HEIGHT / 2}>
                  {money(bar.amount)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{category}</th>
            <th scope="col">{t('charts.detail')}</th>
            <th scope="col">{t('charts.altas')}</th>
            <th scope="col">{t('charts.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.flatMap((bar) =>
            bar.segments.map((segment) => (
              <tr key={`${bar.key}-${segment.label}`}>
                <th scope="row">{bar.label}</th>
                <td>{segment.label}</td>
                <td>{segment.altas}</td>
                <td>{money(segment.amount)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </figure>
  );
}
