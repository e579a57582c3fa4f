import { useTranslation } from 'react-i18next';

/** Columns whose values are statuses, shown as chips. */
export const STATUS_COLUMNS = new Set([
  'lifecycle_status',
  'reason_code',
  'match_status',
  'change_type',
  'last_decision',
]);

/** A CSS-safe class for a status value ("Sin contrarecibo" -> "sin-contrarecibo"). */
export function chipClass(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

export function StatusChip({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  return (
    <span className={`chip chip-${chipClass(text)}`}>{t(`statuses.${text}`, { defaultValue: text })}</span>
  );
}
