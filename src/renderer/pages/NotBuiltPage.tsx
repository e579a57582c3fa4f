import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components';

/** An honest placeholder for a page a later version brings: no sample data. */
export function NotBuiltPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <div className="notice" role="status">
        <h2>{t('notBuilt.title')}</h2>
        <p>{t('notBuilt.body', { page: title })}</p>
      </div>
    </>
  );
}
