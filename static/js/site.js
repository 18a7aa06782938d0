// Quick exit, the language switch, and search on demand. No storage, no
// telemetry; the only requests are for our own search files, and only once
// someone types in the search box.
// Without JavaScript the quick exit is still a plain link; this adds:
// blanking the page at once, replacing the history entry so Back does not
// return here, and three presses of Shift alone within three seconds.
(function () {
  "use strict";
  // Search loads nothing with the page, nor when the box is focused: only
  // the first key typed in it (or a submit) asks for anything, since data
  // costs money and most readers never search. Then everything search needs
  // is asked for at once rather than in turn: the module (compiled while it
  // downloads), this language's index, Go's wasm_exec.js and search.js. The
  // two scripts run in that order; search.js takes the module and index
  // already on their way from window.mehfoozSearchLoad:
  //
  //   { module: Promise<WebAssembly.Module>, index: { <lang>: Promise<ArrayBuffer> } }
  //
  // From file:// (a USB copy) fetch is blocked, and search.js loads its
  // script copies itself.
  var form = document.querySelector("form.search[data-search-js]");
  var box = form && form.querySelector("input");
  if (!box) return;
  var asked = false;
  function attr(name) { return form.getAttribute("data-" + name); }
  function get(url) {
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error(url);
      return r;
    });
  }
  // compile starts compiling the module as its bytes arrive when the host
  // sends it as application/wasm, and after the download otherwise.
  function compile(r) {
    var type = r.headers.get("Content-Type") || "";
    if (WebAssembly.compileStreaming && type.indexOf("application/wasm") === 0) {
      return WebAssembly.compileStreaming(r);
    }
    return r.arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
  }
  function script(src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.async = false; // run in the order added, download all at once
    if (done) s.onload = done;
    document.head.appendChild(s);
    return s;
  }
  function want() {
    if (asked) return;
    asked = true;
    var lang = attr("search-lang"), wasm = attr("search-wasm"), idx = attr("index-" + lang + "-idx");
    if (location.protocol !== "file:" && window.fetch && window.WebAssembly && wasm && idx) {
      var load = { module: get(wasm).then(compile), index: {} };
      load.index[lang] = get(idx).then(function (r) { return r.arrayBuffer(); });
      // search.js reports a failure; these only keep it from being logged twice.
      load.module.catch(function () {});
      load.index[lang].catch(function () {});
      window.mehfoozSearchLoad = load;
      if (attr("wasm-exec-js")) script(attr("wasm-exec-js"));
    }
    script(attr("search-js"), function () {
      if (box.value) box.dispatchEvent(new Event("input"));
    }).onerror = function () { asked = false; }; // it never ran: the next key asks again
  }
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
