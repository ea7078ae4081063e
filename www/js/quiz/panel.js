// A lesson's predict-then-reveal quiz: a "quiz mode" switch (the page setting `quiz`, so a
// link can open a lesson in quiz mode), the question, choice buttons, the revealed answer
// with its arithmetic, and the session's score. The core judges every answer and writes
// the arithmetic; this only asks, shows and counts.

/** The session's score, shared by the lessons. */
const score = { right: 0, asked: 0 };
const panels = new Set();

function showScore() {
  for (const p of panels) p.textContent = `score ${score.right}/${score.asked}`;
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
  const row = app.wasm.settingsTable('page').find((r) => r.key === 'quiz');
  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.name = 'quiz';
  const label = document.createElement('label');
  label.title = row.help;
  label.append(toggle, ` ${row.label}`);
  const question = document.createElement('p');
  question.dataset.out = 'quiz-prompt';
  const ask = () => { question.textContent = typeof prompt === 'function' ? prompt() : prompt; };
  ask();
  const buttons = choiceButtons(choices, (value) => answer1('choice', () => choose(value), false));
  const answer = document.createElement('p');
  answer.className = 'quiz-reveal';
  answer.dataset.out = 'quiz-reveal';
  answer.setAttribute('role', 'status');
  const tally = document.createElement('span');
  tally.className = 'quiz-score';
  tally.dataset.out = 'quiz-score';
  panels.add(tally);
  const body = document.createElement('div');
  body.className = 'quiz-body';
  body.append(question, buttons, answer, tally);
  slot.replaceChildren(label, body);
  showScore();

  const sync = () => {
    toggle.checked = app.values.quiz === '1';
    body.hidden = !toggle.checked;
    slot.classList.toggle('on', toggle.checked);
  };
  toggle.addEventListener('change', () => { app.set({ quiz: toggle.checked ? '1' : '0' }); sync(); });
  app.onChange(sync);
  sync();

  /** Asks the core once per question and step; a repeat is not scored again. */
  function answer1(kind, judge, step) {
    if (seen(at(), kind)) {
      answer.textContent = 'You have answered this question at this step: step on to the next one.';
      answer.dataset.right = '';
      return;
    }
    reveal(judge(), step);
  }

  function reveal(r, step) {
    if (!r) {
      answer.textContent = 'Nothing to predict here: the run has stopped. Go back (Home) or change a setting.';
      return;
    }
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
