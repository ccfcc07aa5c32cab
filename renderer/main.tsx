/**
 * Entry point. In Electron the preload has set `window.host`; in a browser the page talks to
 * `flowdesk designer` over HTTP, authenticated by the per-start token the server printed in
 * the URL's fragment (`#token=…`). The token moves to sessionStorage and leaves the address
 * bar, so it is not copied along with the URL or kept in history.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/palette.css';
import { App } from './app/App.js';
import { createHttpHost } from './host/http-host.js';

const TOKEN_KEY = 'flowdesk.token';

function takeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

if (!('host' in window) || !window.host) {
  window.host = createHttpHost(location.origin, takeToken());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
