// The offline copy: registers the service worker the release build wrote (sw.js, named by
// <html data-offline>), so the lab keeps working in a classroom whose network drops, and
// offers a new version's reload when one has been fetched.

import { t } from './i18n.js';

/** Whether this page is a frame of a page of another origin (a host's `?embed` iframe). */
function foreignFrame() {
  if (window.top === window) return false;
  try {
    return window.top.location.origin !== location.origin;
  } catch {
    return true;
  }
}

/** Shows, once, that a new version is ready, with a button that switches to it. */
function offerUpdate(worker) {
  if (document.getElementById('update')) return;
  const box = document.createElement('p');
  box.id = 'update';
  box.className = 'update';
  box.setAttribute('role', 'status');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('offline.reload');
  button.addEventListener('click', () => worker.postMessage('take-over'));
  box.append(`${t('offline.ready')} `, button);
  document.body.prepend(box);
}

/** Offers `worker` once it has installed, if a version already controls the page. */
function offerWhenInstalled(worker) {
  const ready = () => worker.state === 'installed' && navigator.serviceWorker.controller;
  if (ready()) offerUpdate(worker);
  else worker.addEventListener('statechange', () => { if (ready()) offerUpdate(worker); });
}

/** Offers `registration`'s new worker, whether it is waiting, installing or still to come. */
function watch(registration) {
  const worker = registration.waiting ?? registration.installing;
  if (worker) offerWhenInstalled(worker);
  registration.addEventListener('updatefound', () => offerWhenInstalled(registration.installing));
  // The new worker has taken over: reload, so that every file comes from its version.
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!reloading) { reloading = true; location.reload(); }
  });
}

/**
 * Registers the site's service worker, when the build wrote one and the page is the lab's
 * own: not from file://, nor inside another origin's page (where it would surprise the host).
 */
export function keepOffline() {
  const worker = document.documentElement.dataset.offline;
  if (!worker || !navigator.serviceWorker || !/^https?:$/.test(location.protocol) || foreignFrame()) return;
  navigator.serviceWorker.register(new URL(worker, document.baseURI)).then((r) => r && watch(r), () => {});
}
