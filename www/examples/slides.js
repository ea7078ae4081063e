// The reveal.js example deck's script: starts reveal.js (?theme=black picks its black theme,
// ?transition=none turns slide transitions off), and lets fragments drive an embedded lab by
// postMessage: a fragment with data-lab="<iframe id>" and data-seek="k" shows step k as it
// appears, and the previous fragment's step as it goes. The deck speaks the language of
// `?lang=` or the browser, as its labs do.

import { followLanguage } from './language.js';

followLanguage().catch((err) => console.error(err));

const params = new URLSearchParams(location.search);
const theme = document.getElementById('theme');
if (params.get('theme') === 'black') {
  theme.href = theme.href.replace(/white\.css$/, 'black.css');
  // The iframes take the dark theme too (the elements follow the slides' text colour).
  for (const frame of document.querySelectorAll('iframe')) {
    const url = new URL(frame.src);
    url.searchParams.set('theme', 'dark');
    frame.src = url.href;
  }
}

/** Sends a message of the lab's schema to the iframe with id `id`, at its own origin. */
function send(id, message) {
  const frame = document.getElementById(id);
  if (!frame?.contentWindow) return;
  frame.contentWindow.postMessage({ descent: 1, ...message }, new URL(frame.src, location.href).origin);
}

/** The step to show for the fragments of `frameId` visible on `slide` (0 when none is). */
function shownStep(slide, frameId) {
  const visible = [...slide.querySelectorAll(`.fragment.visible[data-lab="${CSS.escape(frameId)}"]`)];
  return visible.length ? Number(visible[visible.length - 1].dataset.seek) : 0;
}

const follow = (ev) => {
  for (const f of ev.fragments) {
    if (!f.dataset.lab) continue;
    send(f.dataset.lab, { type: 'seek', k: shownStep(f.closest('section'), f.dataset.lab) });
  }
};

// A lab left with Escape: focus comes back to the deck, so its keys work again.
addEventListener('message', (ev) => {
  if (ev.data?.descent !== 1 || ev.data.type !== 'left') return;
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === ev.source);
  if (frame && document.activeElement === frame) frame.blur();
});

Reveal.on('fragmentshown', follow);
Reveal.on('fragmenthidden', follow);
Reveal.initialize({ hash: true, transition: params.get('transition') === 'none' ? 'none' : 'slide' });
