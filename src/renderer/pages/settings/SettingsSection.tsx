import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/api';
import type { ApiClient } from '../../api/client';
import { ErrorNotice } from '../../components';

export type FieldValue = string | number | boolean | undefined;
type Section = Record<string, unknown>;

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'url' | 'time' | 'number' | 'checkbox' | 'select';
  options?: Array<{ value: string; label: string }>;
  help?: string;
}

/** The value at `path` in the settings (e.g. ['portals', 'sai']), as an editable object. */
export function sectionAt(view: SettingsView, path: string[]): Section {
  let value: unknown = view.settings;
  for (const key of path) value = (value as Section | undefined)?.[key];
  return { ...((value as Section | undefined) ?? {}) };
}

/** The top-level section with `draft` placed at `path`; empty texts are dropped (an unset optional field). */
function changesFor(view: SettingsView, path: string[], draft: Section): Record<string, unknown> {
  const cleaned = Object.fromEntries(
    Object.entries(draft).filter(([, value]) => value !== '' && value !== undefined),
  );
  const [top, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { [top]: cleaned };
  const root = sectionAt(view, [top]);
  let cursor = root;
  for (const key of rest.slice(0, -1)) {
    cursor[key] = { ...((cursor[key] as Section | undefined) ?? {}) };
    cursor = cursor[key] as Section;
  }
  cursor[rest.at(-1) as string] = cleaned;
  return { [top]: root };
}

function Field({
  spec,
  value,
  onChange,
}: {
  spec: FieldSpec;
  value: unknown;
  onChange: (next: FieldValue) => void;
}) {
  const id = useId();
  const help = spec.help ? `${id}-help` : undefined;
  if (spec.kind === 'checkbox') {
    return (
      <>
        <span className="label" />
        <label className="check full" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {spec.label}
        </label>
      </>
    );
  }
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <>
      <label htmlFor={id}>{spec.label}</label>
      {spec.kind === 'select' ? (
        <select
          id={id}
          value={text}
          aria-describedby={help}
          onChange={(event) => onChange(event.target.value)}
        >
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="input"
          type={spec.kind}
          value={text}
          aria-describedby={help}
          onChange={(event) =>
            onChange(
              spec.kind === 'number'
                ? Number.parseInt(event.target.value, 10) || undefined
                : event.target.value,
            )
          }
        />
      )}
      {help ? (
        <p id={help} className="muted help">
          {spec.help}
        </p>
      ) : (
        <span />
      )}
    </>
  );
}

export interface SectionProps {
  client: ApiClient;
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
}

/**
 * One section of the settings edited as a draft and saved whole through settings.update (the core
 * validates it and names each bad field). `fields` may depend on the draft (e.g. the stage's kind).
 */
export function SettingsSection({
  client,
  view,
  onSaved,
  path,
  title,
  fields,
  children,
}: SectionProps & {
  path: string[];
  title: string;
  fields: (draft: Section) => FieldSpec[];
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<Section>(() => sectionAt(view, path));
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const key = path.join('.');
  // A save elsewhere (another window, the CLI) brings the new values in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read only when the saved settings change
  useEffect(() => setDraft(sectionAt(view, path)), [view, key]);

  async function save() {
    setError(undefined);
    setMessage('');
    try {
      const next = await client.call('settings.update', { changes: changesFor(view, path, draft) });
      onSaved(next);
      setMessage(t('settings.saved'));
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <section className="panel settings-section" aria-labelledby={headingId} data-testid={`settings-${key}`}>
      <h2 id={headingId}>{title}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="settings-grid">
          {fields(draft).map((spec) => (
            <Field
              key={spec.name}
              spec={spec}
              value={draft[spec.name]}
              onChange={(value) =>
                setDraft((current) => {
                  // Another kind (local/S3, DuckDB/Snowflake) has other fields: start from the saved ones or none.
                  if (spec.name !== 'kind') return { ...current, [spec.name]: value };
                  const saved = sectionAt(view, path);
                  return saved.kind === value ? saved : { kind: value };
                })
              }
            />
          ))}
        </div>
        <div className="settings-actions">
          <button type="submit" className="button">
            {t('settings.save')}
          </button>
          <span className="saved" role="status" aria-live="polite">
            {message}
          </span>
        </div>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      {children}
    </section>
  );
}
