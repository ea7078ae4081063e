// Lengths of the functions of a JavaScript source: a small scanner (no parser), enough for
// the page's own style: strings, comments, templates and regex literals are blanked, then
// every `{` after `=>` or after a parameter list (not of if/for/while/switch/catch) opens a
// function body, whose length is counted from its first line to its closing brace's.
// `node tests/scripts/funclen.mjs www/js 60` lists the functions over 60 lines, longest first.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `src` with comments, string and template text and regex literals blanked (newlines kept). */
export function blank(src) {
  let out = '';
  const stack = []; // 'tpl' for a template, '${' for an expression inside one
  let i = 0;
  let last = ''; // last significant code character
  const keep = (c) => { out += c; if (!/\s/.test(c)) last = c; };
  const hide = (c) => { out += c === '\n' ? '\n' : ' '; };
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (stack.at(-1) === 'tpl') {
      if (c === '\\') { hide(c); hide(n); i += 2; continue; }
      if (c === '`') { stack.pop(); keep('`'); i++; continue; }
      if (c === '$' && n === '{') { stack.push('${'); out += '  '; i += 2; continue; }
      hide(c); i++; continue;
    }
    if (c === '/' && n === '/') { while (i < src.length && src[i] !== '\n') { hide(src[i]); i++; } continue; }
    if (c === '/' && n === '*') { hide(c); hide(n); i += 2; while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) { hide(src[i]); i++; } hide('*'); hide('/'); i += 2; continue; }
    if (c === '"' || c === "'") {
      keep(c); i++;
      while (i < src.length && src[i] !== c) { if (src[i] === '\\') { hide(' '); i++; } hide(src[i]); i++; }
      keep(c); i++; continue;
    }
    if (c === '`') { stack.push('tpl'); keep('`'); i++; continue; }
    if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /\b(return|typeof|case)\s*$/.test(out))) {
      keep('/'); i++;
      let cls = false;
      while (i < src.length && (src[i] !== '/' || cls)) { if (src[i] === '\\') { hide(' '); i++; } else if (src[i] === '[') cls = true; else if (src[i] === ']') cls = false; hide(src[i]); i++; }
      keep('/'); i++; continue;
    }
    if (c === '{') { stack.push('{'); keep(c); i++; continue; }
    if (c === '}') {
      const top = stack.pop();
      if (top === '${') { out += ' '; i++; continue; }
      keep(c); i++; continue;
    }
    keep(c); i++;
  }
  return out;
}

const NOT_FUNCTIONS = /\b(if|for|while|switch|catch|with)\s*$/;

/** `[{name, line, lines}]` for every function body in `src`. */
export function functions(src) {
  const code = blank(src);
  const found = [];
  const open = [];
  let line = 1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '\n') line++;
    else if (c === '{') open.push({ line, fn: classify(code, i) });
    else if (c === '}') {
      const o = open.pop();
      if (o?.fn) found.push({ name: o.fn, line: o.line, lines: line - o.line + 1 });
    }
  }
  return found;
}

/** The function's name if the `{` at `i` opens a function body, else null. */
function classify(code, i) {
  const before = code.slice(Math.max(0, i - 400), i).replace(/\s+$/, '');
  if (before.endsWith('=>')) {
    const m = /(?:(?:const|let|var)\s+([\w$]+)\s*=|([\w$]+)\s*:|([\w$.]+)\()?[^;{}]*?=>$/.exec(before.slice(-200));
    return (m && (m[1] || m[2] || m[3])) || '(arrow)';
  }
  if (!before.endsWith(')')) return null;
  let depth = 0;
  let j = before.length - 1;
  for (; j >= 0; j--) {
    if (before[j] === ')') depth++;
    else if (before[j] === '(' && --depth === 0) break;
  }
  const head = before.slice(0, j);
  if (NOT_FUNCTIONS.test(head)) return null;
  const m = /([\w$]+)\s*$/.exec(head);
  return m ? m[1] : '(function)';
}

/** Every .js file under `dir`, recursively. */
export function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return scripts(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const min = Number(process.argv[3] ?? 60);
  const rows = [];
  for (const f of scripts(process.argv[2])) for (const fn of functions(readFileSync(f, 'utf8'))) if (fn.lines > min) rows.push(`${fn.lines}\t${f}:${fn.line} ${fn.name}`);
  console.log(rows.sort((a, b) => parseInt(b) - parseInt(a)).join('\n'));
}
