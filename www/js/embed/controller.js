// One embedded lesson's controller: applies the display flags, turns the transport's seeks
// into step / converged / diverged / trained events, and carries out the host's commands.

import { applyFlags } from './flags.js';
import { parseMessage } from './messages.js';
import { warn } from './warnings.js';

/** The lesson statuses that end a run with an event of the same name. */
const ENDINGS = new Set(['converged', 'diverged']);

export class LabController {
  /**
   * @param {{name: string, section: HTMLElement, lesson: object, flags: object,
   *   emit: (type: string, data: object) => void,
   *   setSettings: (patch: object) => void, values: () => object}} opts
   *   `lesson` is what the lesson's mount returned (transport, snapshot, setStart);
   *   `emit` sends an outbound message; `setSettings` applies settings as a link would;
   *   `values` gives the settings on screen (sent with `ready`).
   */
  constructor({ name, section, lesson, flags, emit, setSettings, values }) {
    this.values = values;
    this.ready = false;
    this.name = name;
    this.section = section;
    this.lesson = lesson;
    this.emit = emit;
    this.setSettings = setSettings;
    this.pending = false;
    applyFlags(section, flags);
    section.addEventListener('transport-seek', () => {
      // After the lesson's own work for this seek (a new run adopts its history first).
      if (this.pending) return;
      this.pending = true;
      queueMicrotask(() => { this.pending = false; this.announce(); });
    });
    // A run computed while the lesson mounted is already on screen.
    queueMicrotask(() => { if (!this.ready) this.announce(); });
  }

  /** Sends the step on screen, and the run's ending when it is the last step. */
  announce() {
    const s = this.lesson.snapshot?.();
    if (!s) return;
    const lesson = this.name;
    // Ready once the first run is on screen: commands from then on act on it.
    if (!this.ready) { this.ready = true; this.emit('ready', { lesson, settings: this.values() }); }
    this.emit('step', { lesson, k: s.k, last: s.last, iterate: s.iterate, value: s.value });
    if (s.k !== s.last) return;
    if (lesson === 'neuron') {
      if (s.status === 'diverged') this.emit('diverged', { lesson, k: s.k, iterate: s.iterate, value: s.value });
      else if (s.done) this.emit('trained', { lesson, k: s.k, weights: s.iterate, cost: s.value, status: s.status });
    } else if (ENDINGS.has(s.status)) {
      this.emit(s.status, { lesson, k: s.k, iterate: s.iterate, value: s.value });
    }
  }

  /**
   * Carries out a message of the schema (checked here too: a malformed one is ignored with
   * a console warning). Returns true if it was carried out.
   */
  command(data) {
    const { message, error } = parseMessage(data);
    if (error) { warn('warn.ignored', { why: error }); return false; }
    const t = this.lesson.transport;
    switch (message.type) {
      case 'set': this.setSettings(message.settings); break;
      case 'start':
        if (!this.lesson.setStart) { warn('warn.nostart', { lesson: this.name }); return false; }
        this.lesson.setStart(message.at);
        break;
      case 'step': t.act('step'); break;
      case 'back': t.act('back'); break;
      case 'reset': t.act('reset'); break;
      case 'play': t.play(); break;
      case 'pause': t.pause(); break;
      case 'seek': t.pause(); t.seek(message.k); break;
      case 'train':
      case 'stop':
        if (!this.lesson[message.type]) { warn('warn.notrain', { lesson: this.name }); return false; }
        this.lesson[message.type]();
        break;
      default: return false;
    }
    return true;
  }
}
