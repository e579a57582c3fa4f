import { type RefObject, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridView } from '../../shared/api';
import type { GridHandle } from './DataGrid';
import { deleteView, listSavedViews, saveView, viewNameSchema } from './saved-views';

/** Save the grid's current filters, columns, sort and search under a name; re-apply or delete them. */
export function SavedViews({ grid, handle }: { grid: GridView; handle: RefObject<GridHandle | null> }) {
  const { t } = useTranslation();
  const nameId = useId();
  const chooseId = useId();
  const [views, setViews] = useState(() => listSavedViews(grid));
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const chosenView = views.find((view) => view.name === chosen);

  const save = () => {
    const layout = handle.current?.layout();
    if (!layout) return;
    try {
      const saved = saveView({ name, grid, ...layout });
      setViews(listSavedViews(grid));
      setChosen(saved.name);
      setMessage(t('savedViews.saved', { name: saved.name }));
    } catch {
      setMessage(t('savedViews.notSaved'));
    }
  };
  const apply = () => {
    if (!chosenView) return;
    handle.current?.applyLayout(chosenView);
    setMessage(t('savedViews.applied', { name: chosenView.name }));
  };
  const remove = () => {
    if (!chosenView) return;
    deleteView(grid, chosenView.name);
    setViews(listSavedViews(grid));
    setChosen('');
    setMessage(t('savedViews.removed', { name: chosenView.name }));
  };

  return (
    <fieldset className="saved-views" aria-label={t('savedViews.label')}>
      <label htmlFor={chooseId}>{t('savedViews.view')}</label>
      <select
        id={chooseId}
        className="input"
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
      >
        <option value="">{t('savedViews.choose')}</option>
        {views.map((view) => (
          <option key={view.name} value={view.name}>
            {view.name}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={apply} disabled={!chosenView}>
        {t('savedViews.apply')}
      </button>
      <button type="button" className="button" onClick={remove} disabled={!chosenView}>
        {t('savedViews.remove')}
      </button>
      <label htmlFor={nameId}>{t('savedViews.name')}</label>
      <input
        id={nameId}
        className="input"
        value={name}
        maxLength={80}
        onChange={(event) => setName(event.target.value)}
      />
      <button
        type="button"
        className="button"
        onClick={save}
        disabled={!viewNameSchema.safeParse(name).success}
      >
        {t('savedViews.save')}
      </button>
      <span role="status" className="muted" data-testid="saved-views-status">
        {message}
      </span>
    </fieldset>
  );
}
