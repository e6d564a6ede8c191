import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pageStorage } from './page/storage/preferences';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App
      environment={{
        hardwareConcurrency: navigator.hardwareConcurrency,
        search: window.location.search,
        userAgent: navigator.userAgent,
        crossOriginIsolated: window.crossOriginIsolated,
        // Checked for directly: WebKitGTK 2.50 has none even in a cross-origin isolated page.
        sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
        maxTouchPoints: navigator.maxTouchPoints,
        preferences: pageStorage(),
        // Chromium only, and not in TypeScript's DOM types: read as an unknown value, checked where it is used.
        deviceMemory: Reflect.get(navigator, 'deviceMemory') as unknown,
      }}
    />
  </StrictMode>,
);
