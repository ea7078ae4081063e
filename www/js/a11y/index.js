// Accessibility for the whole page: the tab list, the transport keys' guard, a live region
// per lesson, focusable plots with tables of their numbers, and keyboard start placement.

import './theme.js';
import { setupTabs, guardKeys } from './tabs.js';
import { narrate } from './live.js';
import { focusable, dataTable, idOf } from './plots.js';
import { crosshair, startForm } from './crosshair.js';

/**
 * Sets up every accessibility aid. `app.current` is the visible lesson's interface
 * (`path()`, and `placeStart(x)` or `addStart(x, y)`).
 */
export function setupA11y(app) {
  setupTabs();
  guardKeys();
  const lesson = (section) => (section.hidden ? null : app.current);
  const path = (section) => () => lesson(section)?.path?.() ?? null;
  const lives = {};
  for (const section of document.querySelectorAll('section.lesson')) lives[section.id] = narrate(section);
  const say = (section) => (text) => { lives[section.id].textContent = text; };

  // Lesson 1: the plot, its table, the crosshair (x only) and the lab's plot.
  const one = document.getElementById('lesson-1d');
  if (one) {
    const plot = one.querySelector('canvas[data-role="plot"]');
    const table = dataTable(one, one.querySelector(':scope > dl.readout'), path(one));
    focusable(plot, { describedBy: table.id });
    crosshair(plot, {
      dims: 1,
      place: (x) => lesson(one)?.placeStart?.(x),
      say: say(one),
      start: () => ({ x: Number(one.querySelector('[data-out="x"]').textContent) }),
    });
    const lab = one.querySelector('canvas.labplot');
    if (lab) focusable(lab, { describedBy: idOf(one.querySelector('[data-out="lab"]'), 'lab-readout') });
  }

  // Lesson 2: contour, surface and cost share the selected run's table; the contour map
  // takes a crosshair and the typed start.
  const two = document.getElementById('lesson-2d');
  if (two) {
    const contour = two.querySelector('canvas[data-role="contour"]');
    const stage = contour.closest('.stage');
    const table = dataTable(two, two.querySelector(':scope > dl.readout'), path(two));
    for (const c of two.querySelectorAll('canvas.plot')) focusable(c, { describedBy: table.id });
    const place = (x, y) => lesson(two)?.addStart?.(x, y);
    crosshair(contour, {
      dims: 2,
      place,
      say: say(two),
      start: () => ({ x: Number(two.querySelector('[data-out="x"]').textContent), y: Number(two.querySelector('[data-out="y"]').textContent) }),
    });
    startForm(stage.querySelector('.toolbar'), place);
  }

  // The neuron: the square and the cost curve share the epochs' table; the XOR pair is
  // described by its captions.
  const three = document.getElementById('lesson-neuron');
  if (three) {
    const cost = three.querySelector('canvas[data-role="cost"]');
    const table = dataTable(three, three.querySelector(':scope > dl.readout'), path(three));
    for (const c of three.querySelectorAll('canvas[data-role="square"], canvas[data-role="cost"]')) focusable(c, { describedBy: table.id });
    for (const c of three.querySelectorAll('.compare canvas')) {
      const caption = c.closest('figure')?.querySelector('figcaption');
      focusable(c, { name: c.dataset.role === 'compare-single' ? 'XOR: the single neuron\'s output' : 'XOR: the hidden layer\'s output', describedBy: caption ? idOf(caption, 'compare') : undefined });
    }
  }
}
