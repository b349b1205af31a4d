import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resources } from './app/i18n-resources';
import { initI18n } from './shared/i18n';
import { App } from './app/App';

initI18n(resources);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
