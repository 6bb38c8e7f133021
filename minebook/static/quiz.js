/* Minebook quizzes: see minebook/quiz/html.py. K mirrors quiz/kinds/ (tests/conformance) */
(() => {
"use strict";
const WS = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])+"; // what Python's str.strip() removes
const TRIM = new RegExp(`^${WS}|${WS}$`, "g");
const NUM = [/^[+-]?(\d+\.?\d*|\.\d+)$/, /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/, /^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+(\.\d+)?$/];
const NUM_COMMA = [/^[+-]?(\d+[.,]?\d*|[.,]\d+)$/, /^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/]; // decimal comma (uk)
const strip = s => s.replace(TRIM, ""), isInt = Number.isInteger, isIdx = (v, n) => isInt(v) && v >= 0 && v < n, A = Array.isArray;
const NORM = { apostrophes: [/['’ʼ`´‘]/g, "'"], hyphens: [/[-‐‑‒–—―−]/g, " "], punctuation: [/[.,;:!?"«»“”„]/g, ""] };
const V = (status, right = 0, total = 1, hint = "") => ({ status, right, total, hint });

function parseNumber(text, unit = "", comma = false) {
  if (typeof text === "number") return isFinite(text) ? text : null;
  if (typeof text !== "string") return null;
  let s = strip(text);
  if (unit && s.toLowerCase().endsWith(unit.toLowerCase())) s = strip([...s].slice(0, -[...unit].length).join(""));
  if (comma) return NUM_COMMA.some(re => re.test(s)) ? +s.replace(/[^\d.,+-]/g, "").replace(",", ".") : null;
  return NUM.some(re => re.test(s)) ? +s.replace(/[^\d.+-]/g, "") : null;
}

// Each kind: its judging (as its quiz/kinds/ module). r: rules, x: answer in file order
const none = (n = 1) => V("incomplete", 0, n), mark = (k, n) => V(k === n ? "correct" : "incorrect", k, n);
const placed = (x, n, ok, want) => !A(x) || x.length !== n || x.some(v => v == null) ? none(n)
  : ok() ? mark(x.filter((v, i) => v === want(i)).length, n) : V("invalid", 0, n);
const K = {
  single: (r, x) => isIdx(x, r.options) ? mark(+r.correct.includes(x), 1) : none(),
  multiple: (r, x, n = r.options) => A(x) && x.length && x.every(i => isIdx(i, n))
    ? mark([...Array(n).keys()].filter(i => x.includes(i) === r.correct.includes(i)).length, n) : none(n),
  truefalse: (r, x) => typeof x === "boolean" ? mark(+(x === r.answer), 1) : none(),
  numeric(r, x) {
    if (x == null || (typeof x === "string" && !strip(x))) return none();
    const v = parseNumber(x, r.unit, !!r.comma), a = r.answer, hi = r.range ? r.range[1] : a;
    if (v === null) return V("invalid");
    return (r.range ? r.range[0] <= v && v <= hi : Math.abs(v - a) <= r.tolerance + 1e-9 * Math.max(1, Math.abs(a)))
      ? V("correct", 1) : V("incorrect", 0, 1, v > hi ? "high" : "low");
  },
  ordering: (r, x, n = r.items) => placed(x, n, () => x.every(v => isInt(v) && v >= 1 && v <= n) && new Set(x).size === n, i => i + 1),
  classify: (r, x) => placed(x, r.items, () => x.every(v => isIdx(v, r.categories)), i => r.item_categories[i]),
  text(r, x) {
    const f = s => (r.normalise.forEach(k => s = s.replace(...NORM[k])), s = strip(s).split(new RegExp(WS)).join(" "), r.case ? s : s.toLowerCase());
    return typeof x === "string" && strip(x) ? mark(+r.accept.map(f).includes(f(x)), 1) : none();
  },
};
const check = (r, x) => K[r.type](r, x);

// Inputs carry opaque keys (data-k); d.keys maps them to file order, as check() takes it
const at = (q, i) => q.d.keys.indexOf(i.closest("[data-k]")?.dataset.k);
function read(q) {
  const { ins } = q, k = ins[0].type, c = ins.filter(i => i.checked), r = [];
  if (k === "text") return ins[0].value;
  if (k === "checkbox") return c.map(i => at(q, i));
  if (k === "radio") return c.length ? (q.t === "truefalse" ? c[0].value === "true" : at(q, c[0])) : null;
  ins.forEach(s => { r[at(q, s)] = s.value ? +s.value : null; });
  return r;
}
// Storage may hand back any shape
const write = (q, r) => q.ins.forEach(i => {
  const k = at(q, i), list = A(r);
  if (i.type === "text") i.value = typeof r === "string" ? r : "";
  else if (i.tagName === "SELECT") i.value = list && isInt(r[k]) ? r[k] : "";
  else i.checked = list ? r.includes(k) : k < 0 ? i.value === "" + r : k === r;
});

// Words first, colour repeats them; a wrong answer marks only wrong choices
function show(q, x, words, html = "") {
  const { s, t, w } = q;
  q.f.querySelectorAll("[data-k]").forEach(row => {
    const i = at(q, row), on = i < 0 ? row.dataset.k === "" + x : A(x) ? t !== "multiple" || x.includes(i) : i === x;
    const ok = !on || !/correct/.test(s) ? null : s === "correct" ? 1 : q.r.items || q.r.correct?.includes(i) ? null : 0;
    row.className = row.className.split(" ")[0] + (ok == null ? "" : ok ? " mb-right" : " mb-wrong");
    row.querySelector(".mb-mark").textContent = ok == null ? "" : ok ? w.right : w.wrong;
  });
  q.fb.className = "mb-feedback" + (words ? " mb-is-" + (s || "hint") : "");
  q.fb.innerHTML = words ? `<p class="mb-verdict">${words}</p>${html}` : ""; // escaped by quiz/html.py
}

const act = {
  check(q) {
    const x = read(q), v = check(q.r, x), m = q.d.say, right = v.status === "correct";
    q.s = /correct/.test(v.status) ? v.status : null;
    const notes = q.s ? [].concat(x).filter(k => right || !q.r.correct?.includes(k)).map(k => q.d.feedback[k]).filter(Boolean) : [];
    show(q, x, (m[v.hint] || m[v.status]).replace(/{(\w+)}/g, (_, k) => v[k]), (notes.length ? `<ul><li>${notes.join("</li><li>")}</li></ul>` : "") + (right ? q.d.explanation : ""));
  },
  show(q) { write(q, q.d.fill); q.s = "shown"; show(q, 0, q.w.shown, q.d.answer + q.d.explanation); },
  retry(q) { write(q, null); q.s = null; show(q); },
};

function setup(el) {
  const src = el.querySelector("script.mb-quiz-data");
  if (el.dataset.mbReady || !src) return;
  el.dataset.mbReady = 1;
  // data.words: every word the script writes, in the book's language (quiz/html.py script_words())
  const data = JSON.parse(src.textContent), key = "minebook-quiz:" + data.id + (data.lang ? "@" + data.lang : ""), fs = el.querySelectorAll("fieldset"), w = data.words;
  // q.s: "correct", "incorrect", "shown" or null
  const qs = data.questions.map((d, i) => ({ d, w, t: d.type, r: d.rules, f: fs[i], s: null,
    fb: fs[i].querySelector(".mb-feedback"), ins: [...fs[i].querySelectorAll("input,select")] }));
  const of = node => qs.find(q => q.f.contains(node));
  const after = loading => {
    const n = qs.length, done = qs.filter(q => q.s).length, saved = {};
    el.querySelector(".mb-score").textContent = done
      ? w.score[done].replace("{right}", qs.filter(q => q.s === "correct").length) : w.none;
    qs.forEach(q => { saved[q.d.id] = { r: read(q), s: q.s }; });
    if (!loading) try { localStorage.setItem(key, JSON.stringify({ h: data.hash, q: saved })); } catch {} // storage refused
  };

  el.addEventListener("click", e => {
    const b = e.target.closest("button[data-act]"), a = b?.dataset.act, q = of(b);
    if (!a || !el.contains(b)) return;
    if (a === "reset") qs.forEach(act.retry), b.parentNode.open = false, b.parentNode.firstChild.focus(); // asked in <details>
    else act[a](q);
    if (a === "retry") q.ins[0].focus();
    after();
  });
  const changed = e => {
    const q = of(e.target), enter = e.key === "Enter" && e.target.type === "text";
    if (!q || !q.ins.includes(e.target) || (e.key && !enter)) return;
    if (enter) e.preventDefault(), act.check(q);
    else if (q.s || q.fb.firstChild) q.s = null, show(q);
    after();
  };
  ["input", "keydown"].forEach(ev => el.addEventListener(ev, changed));

  let saved;
  try { saved = JSON.parse(localStorage.getItem(key)); } catch {}
  if (saved?.h === data.hash && saved.q) qs.forEach(q => {
    try {
      const st = saved.q[q.d.id] || {};
      write(q, st.r);
      if (st.s) act[st.s === "shown" ? "show" : "check"](q);
    } catch { write(q, null); }
  });
  after(1);
}

function init(root = document) {
  if (root.matches?.(".mb-quiz")) setup(root);
  root.querySelectorAll?.(".mb-quiz").forEach(setup);
}

// Loaded once per page or inline after each quiz (first copy kept); also sets up quizzes under its parent,
// as some front ends run an output's script before attaching it
const s = document.currentScript, M = window.MinebookQuiz || (window.MinebookQuiz = { check, parseNumber, init });
const go = () => { M.init(document); M.init(s?.parentNode || document); };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
else go();
})();
