/* Minebook quizzes. check() mirrors minebook/quiz/checking.py: see tests/conformance/cases.yml */
(() => {
"use strict";
const WS = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])+"; // what Python's str.strip() removes
const TRIM = new RegExp(`^${WS}|${WS}$`, "g");
const NUM = [/^[+-]?(\d+\.?\d*|\.\d+)$/, /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/, /^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+(\.\d+)?$/];
const strip = s => s.replace(TRIM, ""), isInt = Number.isInteger, isIdx = (v, n) => isInt(v) && v >= 0 && v < n;
const V = (status, right = 0, total = 1) => ({ status, right, total });

function parseNumber(text, unit = "") {
  if (typeof text === "number") return isFinite(text) ? text : null;
  if (typeof text !== "string") return null;
  let s = strip(text);
  if (unit && s.toLowerCase().endsWith(unit.toLowerCase())) s = strip([...s].slice(0, -[...unit].length).join(""));
  return NUM.some(re => re.test(s)) ? +s.replace(/[^\d.+-]/g, "") : null;
}

function check(r, x) {
  const t = r.type, n = t === "single" ? 1 : r.items || r.options || 1, list = Array.isArray(x);
  const verdict = right => V(right === n ? "correct" : "incorrect", right, n);
  if (t === "single") return isIdx(x, r.options) ? verdict(+r.correct.includes(x)) : V("incomplete");
  if (t === "multiple") {
    if (!list || !x.length || !x.every(i => isIdx(i, n))) return V("incomplete", 0, n);
    let right = 0;
    for (let i = 0; i < n; i++) right += x.includes(i) === r.correct.includes(i);
    return verdict(right);
  }
  if (t === "truefalse") return typeof x === "boolean" ? verdict(+(x === r.answer)) : V("incomplete");
  if (t === "numeric") {
    if (x == null || (typeof x === "string" && !strip(x))) return V("incomplete");
    const v = parseNumber(x, r.unit);
    if (v === null) return V("invalid");
    return verdict(+(r.range ? r.range[0] <= v && v <= r.range[1]
      : Math.abs(v - r.answer) <= r.tolerance + 1e-9 * Math.max(1, Math.abs(r.answer))));
  }
  const ord = t === "ordering";
  if (!ord && t !== "classify") throw new Error("unknown question type " + t);
  if (!list || x.length !== n || [...x].some(v => v == null)) return V("incomplete", 0, n);
  if (!(ord ? x.every(v => isInt(v) && v >= 1 && v <= n) && new Set(x).size === n
    : x.every(v => isIdx(v, r.categories)))) return V("invalid", 0, n);
  return verdict(x.filter((v, i) => v === (ord ? i + 1 : r.item_categories[i])).length);
}

// A question's response in file order: the shape check() takes
function read({ ins }) {
  const k = ins[0].type, c = ins.filter(i => i.checked), r = [];
  if (k === "text") return ins[0].value;
  if (k === "checkbox") return c.map(i => +i.value);
  if (k === "radio") return c.length ? JSON.parse(c[0].value) : null;
  ins.forEach(s => { r[s.dataset.i] = s.value ? +s.value : null; });
  return r;
}
const write = (q, r) => q.ins.forEach(i => {
  if (i.type === "text") i.value = r == null ? "" : r;
  else if (i.tagName === "SELECT") i.value = r && r[i.dataset.i] != null ? r[i.dataset.i] : "";
  else i.checked = Array.isArray(r) ? r.includes(+i.value) : i.value === String(r);
});

// Words first ("Right"/"Not right" beside options, a verdict); colour only repeats them
function show(q, x, words, html = "") {
  const { s, d: { fill } } = q, judged = /correct/.test(s);
  q.f.querySelectorAll(".mb-opt,.mb-item").forEach(row => {
    const i = JSON.parse(row.dataset.i), ok = !judged ? null : !Array.isArray(x) ? (x === i ? i === fill : null)
      : q.t !== "multiple" ? x[i] === fill[i] : x.includes(i) ? fill.includes(i) : null;
    row.className = row.className.split(" ")[0] + (ok === null ? "" : ok ? " mb-right" : " mb-wrong");
    row.querySelector(".mb-mark").textContent = ok === null ? "" : ok ? "Right" : "Not right";
  });
  q.fb.className = "mb-feedback" + (words ? " mb-is-" + (s || "hint") : "");
  q.fb.innerHTML = words ? `<p class="mb-verdict">${words}</p>${html}` : ""; // all escaped by quiz/html.py
}

const act = {
  check(q) {
    const x = read(q), v = check(q.r, x), m = q.d.say; // messages: see quiz/html.py
    q.s = /correct/.test(v.status) ? v.status : null;
    const notes = q.s ? [].concat(x).map(k => q.d.feedback[k]).filter(Boolean) : [];
    show(q, x, m[v.status].replace(/{(\w+)}/g, (_, k) => v[k]), (notes.length ? `<ul><li>${notes.join("</li><li>")}</li></ul>` : "") + (q.s ? q.d.explanation : ""));
  },
  show(q) { write(q, q.d.fill); q.s = "shown"; show(q, 0, "Answer shown.", q.d.answer + q.d.explanation); },
  retry(q) { write(q, null); q.s = null; show(q); },
};

function setup(el) {
  const src = el.querySelector("script.mb-quiz-data");
  if (el.dataset.mbReady || !src) return;
  el.dataset.mbReady = 1;
  const data = JSON.parse(src.textContent), key = "minebook-quiz:" + data.id, fs = el.querySelectorAll("fieldset.mb-q");
  // q.s: "correct"/"incorrect" (checked), "shown" (answer shown) or null
  const qs = data.questions.map((d, i) => ({ d, t: d.type, r: d.rules, f: fs[i], s: null,
    fb: fs[i].querySelector(".mb-feedback"), ins: [...fs[i].querySelectorAll("input,select")] }));
  const of = node => qs.find(q => q.f.contains(node));
  // Score in words; progress into localStorage if allowed
  const after = loading => {
    const n = qs.length, done = qs.filter(q => q.s).length, saved = {};
    el.querySelector(".mb-score").textContent = done
      ? `Score: ${qs.filter(q => q.s === "correct").length} of ${n} (${done} answered)` : `0 of ${n} answered`;
    qs.forEach(q => { saved[q.d.id] = { r: read(q), s: q.s }; });
    if (!loading) try { localStorage.setItem(key, JSON.stringify({ h: data.hash, q: saved })); } catch { /* not kept */ }
  };

  el.addEventListener("click", e => {
    const b = e.target.closest("button[data-act]"), a = b?.dataset.act, q = of(b);
    if (!a || !el.contains(b)) return;
    if (a === "reset") qs.forEach(act.retry);
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
  try { saved = JSON.parse(localStorage.getItem(key)); } catch { /* no storage */ }
  if (saved?.h === data.hash && saved.q) qs.forEach(q => {
    const st = saved.q[q.d.id] || {};
    write(q, st.r);
    if (st.s) act[st.s === "shown" ? "show" : "check"](q);
  });
  after(1);
}

// Sets up every quiz in root (or root itself) exactly once
function init(root = document) {
  if (root.matches?.(".mb-quiz")) setup(root);
  root.querySelectorAll?.(".mb-quiz").forEach(setup);
}

// Loaded once per page or inline after each quiz: the first copy is kept; each sets up the quizzes
// present, also under its parent (some front ends run an output's script before attaching it).
const s = document.currentScript, M = window.MinebookQuiz || (window.MinebookQuiz = { check, parseNumber, init });
const go = () => { M.init(document); M.init(s?.parentNode || document); };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
else go();
})();
