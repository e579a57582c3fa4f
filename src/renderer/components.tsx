import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';

/** Renders `command` spans of a translated sentence as code. */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((part, index) =>
        // Odd parts sat between backticks; the split index is a stable key for a static sentence.
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never reorder
        index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>,
      )}
    </>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problems = error instanceof ApiError ? error.problems : [];
  return (
    <div className="notice notice-error" role="alert">
      <h2>{t('app.errorTitle')}</h2>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}
