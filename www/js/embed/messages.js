// The embed's message schema, version 1: what a host may send to a lesson (in an iframe by
// postMessage, or to a <descent-lab> element through its send() method) and what the lesson
// sends back. Every message is a plain object `{descent: 1, type, ...fields}`.

import { said } from './warnings.js';

/** The schema version this page speaks; messages of another version are refused. */
export const VERSION = 1;

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const plain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalar = (v) => typeof v === 'string' || finite(v) || typeof v === 'boolean';

/**
 * The messages a host may send: each type with its fields and a check of them (a reason
 * when they are wrong, '' when right). The docs page lists this table.
 */
export const INBOUND = {
  set: {
    fields: 'settings: {key: value, …} (keys of the settings tables; values as text or numbers)',
    about: 'Changes settings, as attributes or a link would; rejected values fall back to their defaults with a notice.',
    check: (m) => (!plain(m.settings) ? said('warn.settings')
      : Object.values(m.settings).every(scalar) ? '' : said('warn.values')),
  },
  start: {
    fields: 'at: [x] (lesson 1d) or [x, y] (lesson 2d)',
    about: 'Starts a single run at this point, as a click on the plot does.',
    check: (m) => (Array.isArray(m.at) && m.at.length >= 1 && m.at.length <= 2 && m.at.every(finite) ? '' : said('warn.at')),
  },
  step: { fields: '', about: 'One step forward (pauses).', check: () => '' },
  back: { fields: '', about: 'One step back (pauses).', check: () => '' },
  play: { fields: '', about: 'Plays the recorded steps.', check: () => '' },
  pause: { fields: '', about: 'Pauses.', check: () => '' },
  train: { fields: '', about: 'The neuron lesson: trains to the stop rule from the epoch on screen (trained follows).', check: () => '' },
  stop: { fields: '', about: 'The neuron lesson: stops training where it is.', check: () => '' },
  reset: { fields: '', about: 'Back to step 0 (pauses).', check: () => '' },
  seek: {
    fields: 'k: integer ≥ 0',
    about: 'Shows step k (clamped to the last recorded step; pauses).',
    check: (m) => (Number.isInteger(m.k) && m.k >= 0 ? '' : said('warn.k')),
  },
};

/** The messages the lesson sends, with their fields (for the docs page). */
export const OUTBOUND = {
  ready: 'lesson, settings: {key: text} — the lesson is drawn and accepts messages.',
  resized: 'height (CSS px) — the content height changed; size the iframe to it.',
  step: 'lesson, k, last, iterate ([x], [x, y] or the weights), value (f or the mean cost) — the step on screen changed.',
  converged: 'lesson, k, iterate, value — the step on screen is the last of a run that converged.',
  diverged: 'lesson, k, iterate, value — the step on screen is the last of a run that diverged.',
  trained: 'lesson, k (epoch), weights, cost, status — the neuron finished training (stop rule or epoch limit).',
  left: '(iframe only) Escape was pressed in the lesson: it gave focus back to the host window; a host can move focus itself (e.g. iframe.blur()).',
};

/**
 * Whether `data` is meant for this lab at all: an object with a `descent` field. Anything
 * else (the strings a slide deck posts to every iframe, other widgets' messages) is none of
 * the lab's business and is ignored without a word; a message of the lab's schema that is
 * malformed is warned about.
 */
export function addressed(data) {
  return plain(data) && Object.hasOwn(data, 'descent');
}

/**
 * Checks a message from a host: `{message}` when it follows the schema, else `{error}`
 * saying what is wrong. Never throws, whatever `data` is.
 */
export function parseMessage(data) {
  try {
    if (!plain(data)) return { error: said('warn.object') };
    if (data.descent !== VERSION) return { error: said('warn.version', { version: VERSION, got: String(data.descent) }) };
    const spec = typeof data.type === 'string' && Object.hasOwn(INBOUND, data.type) ? INBOUND[data.type] : null;
    if (!spec) return { error: said('warn.type', { type: JSON.stringify(String(data.type)), known: Object.keys(INBOUND).join(', ') }) };
    const why = spec.check(data);
    return why ? { error: `${data.type}: ${why}` } : { message: data };
  } catch (err) {
    return { error: said('warn.unreadable', { why: err?.message ?? err }) };
  }
}

/** The origins of a comma- or space-separated allow-list (invalid entries dropped). */
export function allowList(text) {
  const out = new Set();
  for (const item of String(text ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (item === '*') { out.add('*'); continue; }
    try { out.add(new URL(item).origin); } catch { /* not an origin */ }
  }
  return out;
}

/** Whether a message from `origin` is accepted: this page's own origin, or one allowed. */
export function accepts(origin, allowed) {
  return origin === location.origin || allowed.has(origin) || allowed.has('*');
}
