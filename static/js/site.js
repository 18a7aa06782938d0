// Quick exit and the language switch. No storage, no network, no telemetry.
// Without JavaScript the quick exit is still a plain link; this adds:
// blanking the page at once, replacing the history entry so Back does not
// return here, and three presses of Shift within two seconds.
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

  var presses = [];
  var template = link.getAttribute("data-count") || "";
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift" || ev.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; leave(); return; }
    if (status && template) status.textContent = template.replace("{n}", String(3 - presses.length));
  });

  // Coming back through the back/forward cache: undo the blanking.
  var title = document.title;
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) {
      document.documentElement.className = document.documentElement.className.replace(/ ?leaving/g, "");
      document.title = title;
      presses = [];
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
