// The console warnings a host page's developer reads when the lab ignores a message or a
// setting, in the language in use (the lab's `lang`, else the browser's): their English is
// written here once, their Spanish is in the catalogue under the same ids.

import { addEnglish, t } from '../i18n.js';

/** Every warning's English by id, with its `{places}`. */
const ENGLISH = {
  'warn.ignored': 'message ignored: {why}',
  'warn.origin': 'message from {origin} ignored: add it to the origins= parameter to accept it',
  'warn.allow': 'message from {origin} ignored: not in allow-origins',
  'warn.notready': 'message ignored: the lesson is not ready yet (wait for the ready message)',
  'warn.loading': 'message ignored: the lab is still loading',
  'warn.nostart': 'message ignored: the {lesson} lesson has no start point to set',
  'warn.notrain': 'message ignored: the {lesson} lesson does not train',
  'warn.setting': 'unknown setting {key} ignored',
  'warn.object': 'a message must be an object {descent: 1, type, …}',
  'warn.version': 'unsupported schema: descent must be {version}, got {got}',
  'warn.type': 'unknown type {type}; known: {known}',
  'warn.unreadable': 'unreadable message ({why})',
  'warn.settings': 'settings must be an object {key: value}',
  'warn.values': 'every setting must be a string, a finite number or a boolean',
  'warn.at': 'at must be [x] or [x, y] with finite numbers',
  'warn.k': 'k must be an integer ≥ 0',
};
addEnglish(ENGLISH);

/** The text of warning `id` with `args` in the language in use. */
export const said = (id, args) => t(id, args);

/** Writes warning `id` to the console, after "Descent: ". */
export function warn(id, args) {
  console.warn(`Descent: ${said(id, args)}`);
}
