// The course-notes example's script: drives the iframe lesson from buttons in the prose by
// postMessage, shows the step it reports, and sizes the iframe to the height it reports; in
// the language of `lang=` or the browser.

import { followLanguage } from './language.js';
import { showNumber } from '../js/i18n.js';

const texts = followLanguage();
const frame = document.getElementById('two-d');
const origin = new URL(frame.src, location.href).origin;

for (const button of document.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => {
    const message = { descent: 1, type: button.dataset.send };
    if (button.dataset.k) message.k = Number(button.dataset.k);
    frame.contentWindow.postMessage(message, origin);
  });
}

addEventListener('message', (ev) => {
  if (ev.source !== frame.contentWindow || ev.data?.descent !== 1) return;
  const m = ev.data;
  if (m.type === 'resized') frame.style.height = `${m.height}px`;
  if (m.type === 'step') {
    document.getElementById('k2').textContent = String(m.k);
    document.getElementById('f2').textContent = m.value === null ? '–' : showNumber(m.value.toPrecision(6));
  }
});

texts.catch((err) => console.error(err));
