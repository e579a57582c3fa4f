import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretName } from '../../../shared/api';
import type { ApiClient } from '../../api/client';
import { ErrorNotice } from '../../components';

/**
 * A password (or token) typed here goes straight to the vault in main; the field is cleared at once
 * and the app only ever learns whether one is stored.
 */
export function SecretField({
  client,
  name,
  label,
  stored,
  onChanged,
}: {
  client: ApiClient;
  name: SecretName;
  label: string;
  stored: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();

  async function act(work: () => Promise<unknown>, done: string) {
    setError(undefined);
    setMessage('');
    try {
      await work();
      setMessage(done);
      onChanged();
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <form
      className="settings-grid secret"
      onSubmit={(event) => {
        event.preventDefault();
        const value = secret;
        setSecret('');
        if (value)
          void act(
            () => client.call('credentials.set', { name, secret: value }),
            t('settings.passwordSaved'),
          );
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="password"
        autoComplete="new-password"
        value={secret}
        aria-describedby={`${id}-help`}
        onChange={(event) => setSecret(event.target.value)}
      />
      <span
        className={`chip ${stored ? 'chip-load-loaded' : 'chip-load-pending'}`}
        data-testid={`secret-${name}`}
      >
        {stored ? t('settings.passwordStored') : t('settings.passwordMissing')}
      </span>
      <p id={`${id}-help`} className="muted help">
        {t('settings.passwordHelp')}
      </p>
      <div className="settings-actions full">
        <button type="submit" className="button" disabled={!secret}>
          {t('settings.storePassword')}
        </button>
        {stored && (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void act(() => client.call('credentials.clear', { name }), t('settings.passwordCleared'))
            }
          >
            {t('settings.clearPassword')}
          </button>
        )}
        <span className="saved" role="status" aria-live="polite">
          {message}
        </span>
      </div>
      {error !== undefined && (
        <div className="full">
          <ErrorNotice error={error} />
        </div>
      )}
    </form>
  );
}
