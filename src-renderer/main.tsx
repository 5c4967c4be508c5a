import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { VigilApi } from '../shared/ipc/contract';
import type { VigilError } from '../shared/errors';
import { App } from './app/App';
import { getApi, toVigilError } from './ipc';
import './theme/theme.css';
import './app/shell.css';
import './ui/ui.css';

/** Renderer entry: one engine handle for the page, then the React tree. */
function engine(): VigilApi | VigilError {
  try {
    return getApi();
  } catch (e) {
    return toVigilError(e);
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App api={engine()} />
  </StrictMode>,
);
