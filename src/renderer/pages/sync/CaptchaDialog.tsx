import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptchaPrompt } from '../../../shared/api';

function remaining(prompt: CaptchaPrompt, now: number): string {
  const left = Math.max(0, Date.parse(prompt.since) + prompt.timeoutMs - now);
  const seconds = Math.ceil(left / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The captcha prompt: what to do and how long is left. The person solves the captcha in the browser
 * window Puente opened (never inside this app); the dialog closes itself when the portal accepts it.
 */
export function CaptchaDialog({ prompt }: { prompt: CaptchaPrompt | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [now, setNow] = useState(() => Date.now());
  const waiting = prompt?.state === 'waiting';

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (waiting && !element.open) element.showModal();
    if (!waiting && element.open) element.close();
  }, [waiting]);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  return (
    <>
      <dialog ref={dialog} className="captcha-dialog" aria-labelledby={titleId} data-testid="captcha-dialog">
        {prompt && (
          <>
            <h2 id={titleId}>{t('sync.captchaTitle', { portal: prompt.portal.toUpperCase() })}</h2>
            <p>
              {prompt.visible
                ? t('sync.captchaInWindow', { minutes: Math.max(1, Math.round(prompt.timeoutMs / 60_000)) })
                : t('sync.captchaNoWindow')}
            </p>
            <p className="captcha-countdown" role="timer" aria-live="off">
              {t('sync.captchaLeft', { time: remaining(prompt, now) })}
            </p>
            <form method="dialog">
              <button type="submit" className="button secondary">
                {t('sync.close')}
              </button>
            </form>
          </>
        )}
      </dialog>
      <p role="status" aria-live="polite" className="captcha-outcome">
        {prompt?.state === 'solved' && t('sync.captchaSolved')}
        {prompt?.state === 'timeout' && t('sync.captchaTimeout')}
      </p>
    </>
  );
}
