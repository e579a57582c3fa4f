import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsTest, SettingsTestResult } from '../../../shared/api';
import type { ApiClient } from '../../api/client';

/** A "Probar" button: runs the check in main and shows ok or the clear error it reported. */
export function TestButton({
  client,
  target,
  label,
}: {
  client: ApiClient;
  target: SettingsTest;
  label: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SettingsTestResult>();
  const [failure, setFailure] = useState('');

  async function run() {
    setBusy(true);
    setResult(undefined);
    setFailure('');
    try {
      setResult(await client.call('settings.test', { target }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const ok = result?.ok === true;
  const text = busy
    ? t('settings.testing')
    : result
      ? t(ok ? 'settings.testOk' : 'settings.testFailed', { ms: result.ms, message: result.message })
      : failure;
  return (
    <div className="settings-actions">
      <button type="button" className="button secondary" disabled={busy} onClick={() => void run()}>
        {label}
      </button>
      <p
        className={`test-result ${result ? (ok ? 'test-ok' : 'test-failed') : failure ? 'test-failed' : ''}`}
        role="status"
        aria-live="polite"
        data-testid={`test-${target}`}
        hidden={!text}
      >
        {text}
      </p>
    </div>
  );
}
