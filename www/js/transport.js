// The transport bar: play, pause, step, step back, scrub and speed over a recorded history.

import { reducedMotion } from './a11y/theme.js';
import { t } from './i18n.js';

const SPEEDS = [1, 2, 5, 10, 25, 50, 100];

/** Announces a seek as a bubbling `transport-seek` event with `{k, last}`. */
const announce = (el, k, last) => el.dispatchEvent(new CustomEvent('transport-seek', { bubbles: true, detail: { k, last } }));

export class Transport {
  /**
   * @param {HTMLElement} el   container to fill with the controls
   * @param {{onSeek: (k: number) => void, speed?: number, onEmpty?: () => void}} opts
   *   `onEmpty` is what play does while nothing is recorded (the neuron trains); by
   *   default it does nothing.
   */
  constructor(el, { onSeek, speed = 10, onEmpty = null }) {
    this.onSeek = onSeek;
    this.onEmpty = onEmpty;
    this.el = el;
    this.cursor = 0;
    this.last = 0;
    this.playing = false;
    this.speed = speed;
    this.carry = 0;
    this.prevTime = 0;
    el.classList.add('transport');
    el.replaceChildren();
    const button = (action, label, text) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.action = action;
      b.setAttribute('aria-label', t(label));
      b.title = t(label);
      b.dataset.i18nAriaLabel = label;
      b.dataset.i18nTitle = label;
      b.textContent = text;
      b.addEventListener('click', () => this.act(action));
      el.append(b);
      return b;
    };
    button('reset', 'transport.reset', '|◀');
    button('back', 'transport.back', '◀');
    this.playButton = button('play', 'transport.play', '▶');
    button('step', 'transport.step', '▶|');
    this.slider = document.createElement('input');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.step = '1';
    this.slider.setAttribute('aria-label', t('transport.scrub'));
    this.slider.dataset.i18nAriaLabel = 'transport.scrub';
    this.slider.addEventListener('input', () => { this.pause(); this.seek(Number(this.slider.value)); });
    el.append(this.slider);
    this.label = document.createElement('span');
    this.label.className = 'counter';
    this.label.dataset.out = 'counter';
    el.append(this.label);
    const speedLabel = document.createElement('label');
    const speedWord = document.createElement('span');
    speedWord.className = 'speed-word';
    speedWord.textContent = t('transport.speed');
    speedWord.dataset.i18n = 'transport.speed';
    speedLabel.append(speedWord);
    this.speedSelect = document.createElement('select');
    this.speedSelect.setAttribute('aria-label', t('transport.persecond'));
    this.speedSelect.dataset.i18nAriaLabel = 'transport.persecond';
    for (const s of SPEEDS) {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = `${s}/s`;
      if (s === speed) o.selected = true;
      this.speedSelect.append(o);
    }
    this.speedSelect.addEventListener('change', () => { this.speed = Number(this.speedSelect.value); });
    speedLabel.append(this.speedSelect);
    el.append(speedLabel);
    this.frame = this.frame.bind(this);
    this.render();
    // Another language: the counter and the step's words are written again, the run stays.
    document.addEventListener('descent-lang', () => { if (this.el.isConnected) { this.render(); this.onSeek(this.cursor); } });
  }

  /** Keyboard: space plays/pauses, ←/→ step, Home/End go to the first/last step. Returns true if handled. */
  key(ev) {
    const map = { ' ': 'play', ArrowRight: 'step', ArrowLeft: 'back', Home: 'reset', End: 'end' };
    const action = map[ev.key];
    if (!action) return false;
    ev.preventDefault();
    this.act(action);
    return true;
  }

  act(action) {
    if (action === 'play') return this.playing ? this.pause() : this.play();
    this.pause();
    if (action === 'reset') this.seek(0);
    else if (action === 'back') this.seek(this.cursor - 1);
    else if (action === 'step') this.seek(this.cursor + 1);
    else if (action === 'end') this.seek(this.last);
  }

  /** Starts playing unless the person asked for reduced motion (then nothing moves by itself). */
  autoplay() {
    if (!reducedMotion()) this.play();
  }

  /** Sets the last index (history length − 1), keeping the cursor inside. */
  setLast(last, { cursor = Math.min(this.cursor, last) } = {}) {
    this.last = Math.max(0, last);
    this.slider.max = String(this.last);
    this.seek(cursor);
  }

  seek(k) {
    const c = Math.max(0, Math.min(this.last, Math.round(k)));
    this.cursor = c;
    this.render();
    this.onSeek(c);
    this.notify();
    // For embedders (the iframe's messages, the <descent-lab> element's events).
    announce(this.el, c, this.last);
  }

  play() {
    if (this.playing) return;
    if (this.last === 0 && this.onEmpty) { this.onEmpty(); return; }
    if (this.cursor >= this.last) this.seek(0);
    this.playing = true;
    this.carry = 0;
    this.prevTime = performance.now();
    this.render();
    this.notify();
    requestAnimationFrame(this.frame);
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.render();
    this.notify();
  }

  frame(now) {
    if (!this.playing) return;
    this.carry += ((now - this.prevTime) / 1000) * this.speed;
    this.prevTime = now;
    const whole = Math.floor(this.carry);
    if (whole > 0) {
      this.carry -= whole;
      this.seek(this.cursor + whole);
    }
    if (this.cursor >= this.last) { this.pause(); return; }
    requestAnimationFrame(this.frame);
  }

  /** Tells listeners the lesson moved or play toggled (a `transport` event: cursor, last, playing). */
  notify() {
    this.el.dispatchEvent(new CustomEvent('transport', { detail: { cursor: this.cursor, last: this.last, playing: this.playing } }));
  }

  render() {
    this.slider.value = String(this.cursor);
    this.label.textContent = t('transport.counter', { k: this.cursor, last: this.last });
    // The button changes only when play toggles: left alone on the frames in between, so
    // that a playing frame does not restyle it.
    if (this.playButton.dataset.playing === String(this.playing) && this.playButton.dataset.lang === document.documentElement.lang) return;
    this.playButton.dataset.lang = document.documentElement.lang;
    this.playButton.dataset.playing = String(this.playing);
    // Pause is two bars drawn by CSS (.icon-pause): the ⏸ character is missing from
    // common fonts and shows as an empty box.
    if (this.playing) {
      const bars = document.createElement('span');
      bars.className = 'icon-pause';
      bars.setAttribute('aria-hidden', 'true');
      this.playButton.replaceChildren(bars);
    } else {
      this.playButton.textContent = '▶';
    }
    this.playButton.dataset.action = 'play';
    const word = this.playing ? 'transport.pause' : 'transport.play';
    this.playButton.dataset.i18nAriaLabel = word;
    this.playButton.dataset.i18nTitle = word;
    this.playButton.setAttribute('aria-label', t(word));
    this.playButton.title = t(word);
  }
}
