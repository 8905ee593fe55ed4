'use strict';
// The page's service worker: keeps the page itself (never anyone's data) on the device, so that the capture form
// opens without a connection. The page is fetched from the network first, so a new release shows at once when online.

const SHELL = 'shell-v3';
const FILES = ['/', '/index.html', '/app.css', '/app.js', '/analysis.js', '/experiments.js', '/sets.js', '/exchange.js',
  '/stories.js', '/cohorts.js', '/reading.js', '/i18n/en.json', '/i18n/cy.json', '/ui-config', '/manifest.webmanifest',
  '/icon.svg', '/webjars/chart.js/dist/chart.umd.min.js'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name !== SHELL).map(name => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  const page = event.request.mode === 'navigate' && (url.pathname === '/' || url.pathname === '/index.html');
  const shell = event.request.method === 'GET' && url.origin === location.origin
    && (page || event.request.mode !== 'navigate' && FILES.includes(url.pathname));
  if (!shell) {
    return; // Every read of data, everything sent and every other page go to the network only: nothing is kept.
  }
  const key = page ? '/' : url.pathname;
  event.respondWith(fetch(event.request).then(answer => {
    if (answer.ok) {
      const copy = answer.clone();
      event.waitUntil(caches.open(SHELL).then(cache => cache.put(key, copy)));
    }
    return answer;
  }).catch(() => caches.match(key)));
});
