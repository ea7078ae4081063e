// Accessibility for the whole page: the tab list, the transport keys' guard, a live region
// per lesson, focusable plots with tables of their numbers, and keyboard start placement.

import './theme.js';
import { setupTabs, guardKeys } from './tabs.js';
import { narrate } from './live.js';
import { focusable, dataTable, idOf } from './plots.js';
import { crosshair, startForm } from './crosshair.js';
import { t } from '../i18n.js';

/**
 * Sets up every accessibility aid of the page. `app.current` is the visible lesson's
 * interface (`path()`, and `placeStart(x)` or `addStart(x, y)`).
 */
export function setupA11y(app) {
  setupTabs();
  guardKeys();
  for (const section of document.querySelectorAll('section.lesson')) {
    lessonA11y(section, () => (section.hidden ? null : app.current));
  }
}

/**
 * The aids of one lesson section (in the page, or in a <descent-lab> element's shadow
 * root): its live region, focusable plots described by a table of their numbers, the
 * crosshair and the typed start. `lesson()` gives the lesson's interface while it is shown.
 */
export function lessonA11y(section, lesson) {
  const path = () => lesson()?.path?.() ?? null;
  const live = narrate(section);
  const say = (text) => { live.textContent = text; };
  const readout = section.querySelector(':scope > dl.readout');
  const name = section.id.replace(/^lesson-/, '');

  if (name === '1d') {
    // The plot, its table, the crosshair (x only) and the lab's plot.
    const plot = section.querySelector('canvas[data-role="plot"]');
    const table = dataTable(section, readout, path);
    focusable(plot, { describedBy: table.id });
    crosshair(plot, {
      dims: 1,
      place: (x) => lesson()?.placeStart?.(x),
      say,
      start: () => ({ x: Number(section.querySelector('[data-out="x"]').textContent) }),
    });
    const lab = section.querySelector('canvas.labplot');
    if (lab) focusable(lab, { describedBy: idOf(section.querySelector('[data-out="lab"]'), 'lab-readout') });
  } else if (name === '2d') {
    // Contour, surface and cost share the selected run's table; the contour map takes a
    // crosshair and the typed start.
    const contour = section.querySelector('canvas[data-role="contour"]');
    const stage = contour.closest('.stage');
    const table = dataTable(section, readout, path);
    for (const c of section.querySelectorAll('canvas.plot')) focusable(c, { describedBy: table.id });
    const place = (x, y) => lesson()?.addStart?.(x, y);
    crosshair(contour, {
      dims: 2,
      place,
      say,
      start: () => ({ x: Number(section.querySelector('[data-out="x"]').textContent), y: Number(section.querySelector('[data-out="y"]').textContent) }),
    });
    startForm(stage.querySelector('.toolbar'), place);
  } else if (name === 'neuron') {
    // The square and the cost curve share the epochs' table; the XOR pair is described by
    // its captions.
    const table = dataTable(section, readout, path);
    for (const c of section.querySelectorAll('canvas[data-role="square"], canvas[data-role="cost"]')) focusable(c, { describedBy: table.id });
    for (const c of section.querySelectorAll('.compare canvas')) {
      const caption = c.closest('figure')?.querySelector('figcaption');
      focusable(c, { name: t(c.dataset.role === 'compare-single' ? 'a11y.xorsingle' : 'a11y.xorhidden'), describedBy: caption ? idOf(caption, 'compare') : undefined });
    }
  }
}
