import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import './grid/ag-grid';
import { connectClient } from './api/client';
import { RichText } from './components';
import { setupI18n } from './i18n';
import './styles.css';

const i18n = setupI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const setup = connectClient();

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {setup.ok ? (
        <App client={setup.client} />
      ) : (
        <main className="content">
          <div className="notice notice-error" role="alert">
            <p>
              <RichText text={i18n.t('app.missingToken')} />
            </p>
          </div>
        </main>
      )}
    </I18nextProvider>
  </StrictMode>,
);
