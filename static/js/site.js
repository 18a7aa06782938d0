// Quick exit, the language switch, and the search box's script on demand.
// No storage, no telemetry; the only request is for our own search script,
// and only when someone starts to search.
// Without JavaScript the quick exit is still a plain link; this adds:
// blanking the page at once, replacing the history entry so Back does not
// return here, and three presses of Shift alone within three seconds.
(function () {
  "use strict";
  // search.js is asked for when the search box is focused or typed in, not
  // with the page: a page then needs only itself and the stylesheet to be
  // drawn, and a reader who never searches never downloads it. Once loaded
  // it is told of the focus (and any text) it missed, and starts.
  var form = document.querySelector("form.search[data-search-js]");
  var box = form && form.querySelector("input");
  if (!box) return;
  var asked = false;
  function want() {
    if (asked) return;
    asked = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-search-js");
    s.onload = function () {
      box.dispatchEvent(new Event("focus"));
      if (box.value) box.dispatchEvent(new Event("input"));
    };
    document.head.appendChild(s);
  }
  box.addEventListener("focus", want);
  box.addEventListener("input", want);
  // Never navigate: a query in the address would be kept in history.
  form.addEventListener("submit", function (ev) { ev.preventDefault(); want(); });
})();

(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var status = document.getElementById("quick-exit-status");
  var target = link.href;

  function leave() {
    document.documentElement.className += " leaving";
    document.title = "";
    try { window.location.replace(target); } catch (e) { window.location.href = target; }
  }

  link.addEventListener("click", function (ev) {
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault();
    leave();
  });

  // Three presses of Shift on its own leave, as GOV.UK's "Exit this page"
  // does: a press counts only when Shift goes down and up with no other key
  // between (so Shift held to type a capital, "PTA" or "CNIC", never
  // counts), any other key starts the count again, and the three must come
  // within three seconds. The bar shows how many presses are left.
  var presses = [];
  var alone = false;
  var template = link.getAttribute("data-count") || "";
  function show(n) {
    if (!status) return;
    if (!n) { status.textContent = ""; return; }
    var dots = "";
    for (var i = 0; i < 3; i++) dots += i < n ? "\u25CF" : "\u25CB";
    status.textContent = (template ? template.replace("{n}", String(3 - n)) + " " : "") + dots;
  }
  function reset() { presses = []; alone = false; show(0); }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Shift") {
      if (!ev.repeat) alone = true;
      return;
    }
    alone = false;
    if (presses.length) reset();
  }, true);
  document.addEventListener("keyup", function (ev) {
    if (ev.key !== "Shift") return;
    if (!alone) return;
    alone = false;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 3000; });
    presses.push(now);
    if (presses.length >= 3) { reset(); leave(); return; }
    show(presses.length);
  }, true);
  // A mouse press or a tap between Shifts also starts again, as does
  // leaving the window.
  document.addEventListener("pointerdown", function () { if (presses.length) reset(); }, true);
  window.addEventListener("blur", reset);

  // Coming back through the back/forward cache: undo the blanking.
  var title = document.title;
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) {
      document.documentElement.className = document.documentElement.className.replace(/ ?leaving/g, "");
      document.title = title;
      reset();
    }
  });

  // The language switch keeps the section you are reading: heading ids are
  // the same in every language.
  var langs = document.querySelectorAll("a.lang-link");
  for (var i = 0; i < langs.length; i++) {
    langs[i].addEventListener("click", function (ev) {
      if (window.location.hash && this.href.indexOf("#") < 0) {
        ev.preventDefault();
        window.location.href = this.href + window.location.hash;
      }
    });
  }
})();
