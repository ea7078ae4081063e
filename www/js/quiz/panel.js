// A lesson's predict-then-reveal quiz: a "quiz mode" switch (the page setting `quiz`, so a
// link can open a lesson in quiz mode), the question, choice buttons, the revealed answer
// with its arithmetic, and the session's score; for a class that guesses together, the
// answer can wait for a reveal button (the page setting `reveal`). The core judges every
// answer and writes the arithmetic; this only asks, shows and counts.

import { t } from '../i18n.js';

/** The session's score, shared by the lessons. */
const score = { right: 0, asked: 0 };
const panels = new Set();

function showScore() {
  for (const p of panels) p.textContent = t('quiz.score', { right: score.right, asked: score.asked });
}

/** The questions answered, by the run (or trainer) they were asked of: `Set` of `question:step`. */
const answered = new WeakMap();

/** Whether `question` at `[owner, step]` was answered before; marks it answered. */
function seen(at, question) {
  const [owner, step] = at;
  if (!owner || typeof owner !== 'object') return false;
  if (!answered.has(owner)) answered.set(owner, new Set());
  const done = answered.get(owner);
  const key = `${question}:${step}`;
  if (done.has(key)) return true;
  done.add(key);
  return false;
}

/** The choice buttons of `choices` ([value, label] pairs); a click calls `onChoose(value)`. */
function choiceButtons(choices, onChoose) {
  const buttons = document.createElement('span');
  buttons.className = 'quiz-choices';
  for (const [value, text] of choices) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.i18n = `quiz.choice.${value}`;
    b.dataset.choice = value;
    b.addEventListener('click', () => onChoose(value));
    buttons.append(b);
  }
  return buttons;
}

/**
 * Fills `section`'s `[data-role="quiz"]` slot and returns `{ active, take(point), refresh() }`.
 * Hooks: `prompt` (the question in words, or a function giving it), `choices` ([value,
 * label] pairs), `choose(value)` and, for a clicked guess, `next(point)` — both return the
 * core's reveal `{right, lines}` or undefined when there is nothing to ask — `advance()`
 * (shows the step just predicted) and `at()`: `[run, step]`, the step a question is about
 * (each question counts once per step of a run).
 */
export function mountQuiz(section, app, { prompt, choices, choose, next, advance, at = () => [null, 0] }) {
  const slot = section.querySelector('[data-role="quiz"]');
  const { label, toggle } = quizToggle(app);
  const { question, answer, tally, revealButton } = quizParts();
  const ask = () => { question.textContent = typeof prompt === 'function' ? prompt() : t(prompt); };
  document.addEventListener('descent-lang', () => { ask(); showScore(); });
  ask();
  const buttons = choiceButtons(choices, (value) => answer1('choice', () => choose(value), false));
  panels.add(tally);
  const hold = holdChoice(app);
  const body = Object.assign(document.createElement('div'), { className: 'quiz-body' });
  body.append(hold.label, question, buttons, revealButton, answer, tally);
  slot.replaceChildren(label, body);
  showScore();

  // A guess taken while answers wait for the reveal: `{r, step}`.
  let pending = null;
  const drop = () => { pending = null; revealButton.hidden = true; };
  const sync = () => {
    toggle.checked = app.values.quiz === '1';
    body.hidden = !toggle.checked;
    slot.classList.toggle('on', toggle.checked);
    hold.select.value = app.values.reveal ?? 'now';
    if (pending && hold.select.value === 'now') show(pending.r, pending.step);
    drop();
  };
  toggle.addEventListener('change', () => { app.set({ quiz: toggle.checked ? '1' : '0' }); sync(); });
  hold.select.addEventListener('change', () => { app.set({ reveal: hold.select.value }); sync(); });
  revealButton.addEventListener('click', () => { const p = pending; drop(); if (p) show(p.r, p.step); });
  app.onChange(sync);
  sync();

  /** Asks the core once per question and step; a repeat is not scored again. */
  function answer1(kind, judge, step) {
    if (seen(at(), kind)) {
      answer.textContent = t('quiz.again');
      answer.dataset.right = '';
      return;
    }
    reveal(judge(), step);
  }

  function reveal(r, step) {
    if (!r) {
      answer.textContent = t('quiz.stopped');
      return;
    }
    if (app.values.reveal === 'button') {
      // A class guesses together: the answer waits for the reveal button.
      pending = { r, step };
      revealButton.hidden = false;
      delete answer.dataset.right;
      answer.textContent = t('quiz.taken');
      return;
    }
    show(r, step);
  }

  function show(r, step) {
    score.asked += 1;
    if (r.right) score.right += 1;
    answer.textContent = r.lines.join('\n');
    answer.dataset.right = String(r.right);
    showScore();
    if (step) advance();
    ask();
  }

  return {
    get active() { return toggle.checked; },
    /** In quiz mode, takes a click on the plot as the guess of the next iterate (true if taken). */
    take(point) {
      if (!toggle.checked || !next) return false;
      answer1('next', () => next(point), true);
      return true;
    },
    /** Shows the question again (its words may name the step it is about). */
    refresh: ask,
  };
}

/** The question's line, the revealed answer's, the score's tally and the reveal button (hidden). */
function quizParts() {
  const question = document.createElement('p');
  question.dataset.out = 'quiz-prompt';
  const answer = document.createElement('p');
  answer.className = 'quiz-reveal';
  answer.dataset.out = 'quiz-reveal';
  answer.setAttribute('role', 'status');
  const tally = document.createElement('span');
  tally.className = 'quiz-score';
  tally.dataset.out = 'quiz-score';
  const revealButton = document.createElement('button');
  revealButton.type = 'button';
  revealButton.dataset.action = 'quiz-reveal';
  revealButton.textContent = t('quiz.reveal');
  revealButton.dataset.i18n = 'quiz.reveal';
  revealButton.hidden = true;
  return { question, answer, tally, revealButton };
}

/** The "quiz mode" check box, from the page setting `quiz`. */
function quizToggle(app) {
  const row = app.wasm.settingsTable('page').find((r) => r.key === 'quiz');
  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.name = 'quiz';
  const label = document.createElement('label');
  label.title = row.help;
  label.dataset.i18nTitle = 'set.quiz.help';
  const words = document.createElement('span');
  words.textContent = row.label;
  words.dataset.i18n = 'set.quiz';
  label.append(toggle, ' ', words);
  return { label, toggle };
}

/** The menu of the page setting `reveal` (answers at once, or on the reveal button), from its row. */
function holdChoice(app) {
  const row = app.wasm.settingsTable('page').find((r) => r.key === 'reveal');
  const label = document.createElement('label');
  label.className = 'quiz-hold';
  label.title = row.help;
  label.dataset.i18nTitle = 'set.reveal.help';
  const select = document.createElement('select');
  select.name = 'reveal';
  for (const c of row.choices) {
    const option = new Option(c.label, c.value);
    option.dataset.i18n = `set.reveal.${c.value}`;
    select.append(option);
  }
  const words = document.createElement('span');
  words.textContent = row.label;
  words.dataset.i18n = 'set.reveal';
  label.append(words, ' ', select);
  return { label, select };
}
