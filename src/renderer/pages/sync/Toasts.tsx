import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../../shared/api';
import type { ApiClient } from '../../api/client';

const SHOWN_MS = 15_000;

interface Toast extends AppNotification {
  id: number;
}

/** Browser mode's notifications (the Electron shell shows system ones instead): a stack of toasts. */
export function Toasts({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    let next = 0;
    return client.on('notifications.show', (notification) => {
      const id = ++next;
      setToasts((shown) => [...shown, { ...notification, id }]);
      setTimeout(() => setToasts((shown) => shown.filter((toast) => toast.id !== id)), SHOWN_MS);
    });
  }, [client]);

  const dismiss = (id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id));
  return (
    <section className="toasts" aria-live="polite" aria-label={t('app.notifications')}>
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.severity}`} role="status" data-kind={toast.kind}>
          <p>
            <strong>{toast.title}</strong>
          </p>
          <p>{toast.body}</p>
          <button type="button" aria-label={t('sync.close')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
