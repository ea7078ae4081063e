// The header's "copy link" button: copies the canonical link of the page (the `#share`
// anchor's address, which the page keeps up to date) and says so.

import { copyText } from './clipboard.js';
import { t } from '../i18n.js';

/** Adds the button after `#share`. */
export function mountShare() {
  const share = document.getElementById('share');
  if (!share || document.getElementById('share-copy')) return;
  const b = document.createElement('button');
  b.type = 'button';
  b.id = 'share-copy';
  b.textContent = t('share.copy');
  b.title = t('share.copy.title');
  b.dataset.i18n = 'share.copy';
  b.dataset.i18nTitle = 'share.copy.title';
  const status = document.createElement('span');
  status.id = 'share-status';
  status.setAttribute('role', 'status');
  share.after(b, status);
  b.addEventListener('click', async () => {
    const link = new URL(share.getAttribute('href') || location.href, location.href).href;
    status.dataset.link = link;
    status.textContent = (await copyText(link)) ? t('share.copied') : t('share.manual', { link });
  });
}
