// The complaint letter (layouts/letter.html): fills the letter in as the
// reader types. Nothing is sent, stored or put in the address bar: the
// values live only in the form, and the letter is filled with textContent,
// never as HTML. Without this script the page shows and prints the blank
// letter, to fill in by hand.
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  var out = document.getElementById("letter-out");
  if (!form || !out) return;
  var radios = document.querySelectorAll(".letter-switch input");
  var letters = out.querySelectorAll(".letter-tpl");
  var blanks = out.querySelectorAll("[data-f]");
  var labels = [];
  for (var i = 0; i < blanks.length; i++) labels.push(blanks[i].textContent);

  // On a right-to-left page, numbers and addresses in what the reader
  // types (a phone or JazzCash number inside an Urdu sentence) are put in
  // a left-to-right isolate, by the generator's rule (markdown/ltr.go),
  // which the page carries. Text is only ever set as text.
  var ltrSource = out.getAttribute("data-ltr");
  var ltr = null;
  try { if (ltrSource) ltr = new RegExp(ltrSource, "gi"); } catch (e) { ltr = null; }
  function put(el, v) {
    el.textContent = "";
    if (!ltr) { el.textContent = v; return; }
    var last = 0, m;
    ltr.lastIndex = 0;
    while ((m = ltr.exec(v)) !== null) {
      if (!m[0]) { ltr.lastIndex++; continue; }
      var run = m[0].replace(/[.,;:!?]+$/, "");
      if (!run) continue;
      el.appendChild(document.createTextNode(v.slice(last, m.index)));
      var b = document.createElement("bdi");
      b.dir = "ltr";
      b.textContent = run;
      el.appendChild(b);
      last = m.index + run.length;
    }
    el.appendChild(document.createTextNode(v.slice(last)));
  }

  // Every part of the letter shows the answer, or the field's label on a
  // blank line when there is none yet.
  function fill() {
    for (var i = 0; i < blanks.length; i++) {
      var box = document.getElementById("lf-" + blanks[i].getAttribute("data-f"));
      var v = box ? box.value.trim() : "";
      if (v) put(blanks[i], v); else blanks[i].textContent = labels[i];
      blanks[i].classList.toggle("blank", !v);
    }
  }

  // Show the chosen letter, and only the boxes it uses. The stylesheet does
  // the same with :has() when this script does not run.
  function choose() {
    var id = radios.length ? radios[0].value : "";
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) id = radios[i].value;
    var used = {};
    for (var j = 0; j < letters.length; j++) {
      var on = letters[j].id === "lt-" + id;
      letters[j].hidden = !on;
      if (!on) continue;
      var parts = letters[j].querySelectorAll("[data-f]");
      for (var k = 0; k < parts.length; k++) used[parts[k].getAttribute("data-f")] = true;
    }
    var fields = form.querySelectorAll(".field");
    for (var n = 0; n < fields.length; n++) fields[n].hidden = !used[fields[n].getAttribute("data-f")];
  }

  form.addEventListener("input", fill);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  // "Clear everything" is the form's reset button; the letter follows once
  // the boxes are empty.
  form.addEventListener("reset", function () { setTimeout(fill, 0); });
  for (var r = 0; r < radios.length; r++) radios[r].addEventListener("change", choose);
  document.getElementById("letter-print").addEventListener("click", function () { window.print(); });
  // The quick exit blanks the page; empty the form too.
  window.addEventListener("pagehide", function () {
    if (/\bleaving\b/.test(document.documentElement.className)) { form.reset(); fill(); }
  });

  form.hidden = false;
  document.getElementById("letter-buttons").hidden = false;
  document.getElementById("letter-nojs").hidden = true;
  choose();
  fill();
})();
