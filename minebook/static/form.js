/* Minebook student form (the student edition's quizzes): it holds no answer and checks nothing. It keeps what
   the student entered (name and class too) in localStorage, by input id, and clears it only once asked twice. */
(() => {
"use strict";
const tick = i => /radio|checkbox/.test(i.type);

function setup(el) {
  if (el.dataset.mbReady) return;
  el.dataset.mbReady = 1;
  const key = "minebook-form:" + el.dataset.quizId, ins = [...el.querySelectorAll("input, select")];
  const save = () => {
    const kept = {};
    ins.forEach(i => { kept[i.id] = tick(i) ? i.checked : i.value; });
    try { localStorage.setItem(key, JSON.stringify(kept)); } catch {} // storage refused: not kept
  };
  let kept;
  try { kept = JSON.parse(localStorage.getItem(key)); } catch {}
  // Only a value of the input's own kind is restored: anything else in storage is ignored
  if (kept && typeof kept === "object") ins.forEach(i => {
    const v = Object.hasOwn(kept, i.id) ? kept[i.id] : null;
    if (typeof v === (tick(i) ? "boolean" : "string")) i[tick(i) ? "checked" : "value"] = v;
  });
  el.addEventListener("input", e => { if (ins.includes(e.target)) save(); });
  el.addEventListener("click", e => {
    const b = e.target.closest("button[data-act=reset]");
    if (!b || !el.contains(b)) return;
    ins.forEach(i => { if (tick(i)) i.checked = false; else i.value = ""; });
    b.parentNode.open = false;
    b.parentNode.firstChild.focus();
    save();
  });
}

// Inline after a form, a front end may run it before attaching it: its parent is searched too
const s = document.currentScript, go = () => [document, s?.parentNode].forEach(r => r?.querySelectorAll(".mb-form").forEach(setup));
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
else go();
})();
