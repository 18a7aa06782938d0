// Search: loads nothing until someone types in the search box; then Go's
// wasm_exec.js, the search module and this language's index, all at once
// (and, only when this language finds little, the other language's); the
// section texts that make the snippets only once results are on screen.
// site.js starts those downloads at the first key, before this script has
// arrived, and hands them over in window.mehfoozSearchLoad; what it did not
// start (a failed try, or a page without site.js) starts here.
// Everything runs in the page: the query is never sent, stored, or put in
// the address or history. The form's data attributes (written by the build)
// say where the files are and carry the UI strings; text from the index is
// only ever set as textContent.
//
// Over http(s) the module and indexes are fetched; from file:// (a copy on
// a USB stick), where fetch is blocked, they come as classic scripts that
// set base64 globals (search/indexer: WasmScript, IndexScript).
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = form && form.querySelector("#q");
  var list = form && form.querySelector(".search-results");
  var status = form && form.querySelector(".search-status");
  if (!input || !list || !status) return;

  var lang = attr("search-lang");
  var other = attr("search-other");
  var root = attr("root");
  var offline = location.protocol === "file:";
  var loaded = {}; // language → 1 once its index is in the module, 2 once its texts are asked for
  var lastFinal = false; // whether the last search was by Enter
  var ready = null; // the module and this language's index
  var load = window.mehfoozSearchLoad || { index: {} }; // started by site.js
  window.mehfoozSearchLoad = null;
  var timer = 0;

  // The other language's results, below this language's.
  var otherBox = el("div");
  var otherLabel = el("p", "search-other");
  var otherList = el("ol", "search-results");
  otherBox.hidden = true;
  otherBox.lang = other;
  otherLabel.textContent = msg("other", "In the other language");
  otherBox.appendChild(otherLabel);
  otherBox.appendChild(otherList);
  list.parentNode.insertBefore(otherBox, list.nextSibling);

  function attr(name) { return form.getAttribute("data-" + name) || ""; }
  function msg(name, fallback) { return attr("msg-" + name) || fallback; }
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  function script(src) {
    return new Promise(function (ok, fail) {
      var s = el("script");
      s.src = src;
      s.onload = ok;
      s.onerror = function () { fail(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  // fromGlobal decodes and drops a base64 global set by a script.
  function fromGlobal(obj, key) {
    var b64 = obj && obj[key];
    if (typeof b64 !== "string") throw new Error(key);
    obj[key] = null;
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function get(url) {
    if (!url) return Promise.reject(new Error("no url"));
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error(url);
      return r;
    });
  }

  // bytes resolves to a file's bytes: over http(s) fetched (data-<name>),
  // from file:// decoded from the base64 global obj()[key] set by its
  // script copy (data-<name>-js).
  function bytes(name, obj, key) {
    return offline
      ? script(attr(name + "-js")).then(function () { return fromGlobal(obj(), key); })
      : get(attr(name)).then(function (r) { return r.arrayBuffer(); });
  }

  // taken returns, once, what site.js started for key, or makes it.
  function taken(obj, key, make) {
    var p = obj[key];
    obj[key] = null; // a failed try starts afresh on the next key
    return p || make();
  }

  function indexBytes(l) {
    var name = "index-" + l;
    return bytes(offline ? name : name + "-idx", function () { return window.MEHFOOZ_INDEX_B64; }, l);
  }

  function loadIndex(l) {
    return taken(load.index, l, function () { return indexBytes(l); }).then(function (b) {
      var err = window.mehfoozSearch.load(l, new Uint8Array(b));
      if (err) throw new Error(err);
      loaded[l] = 1;
    });
  }

  // loadTexts fetches a language's section texts (the snippets) once its
  // first results are on screen, so the results come without waiting for
  // them. A file:// copy has no texts file: its index script holds them.
  function loadTexts(l) {
    var name = "texts-" + l + "-idx";
    if (loaded[l] > 1 || !attr(name)) return;
    loaded[l] = 2;
    bytes(name).then(function (b) {
      if (window.mehfoozSearch.loadTexts(l, new Uint8Array(b))) throw 0;
      // Shown again with snippets, unless the reader is on a result.
      if (!form.querySelector("a:focus")) search(lastFinal);
    }).catch(function () { loaded[l] = 1; }); // tried again on the next search
  }

  // start asks for wasm_exec.js, the module and the index at once (or takes
  // them from site.js) and resolves once the module has this language's
  // index.
  function start() {
    if (ready) return ready;
    status.textContent = msg("loading", "Loading search…");
    var compiled = taken(load, "module", function () {
      // site.js compiles while downloading; here (after a failure, or
      // from file://) the module is compiled once it is all in.
      return bytes("search-wasm", function () { return window; }, "MEHFOOZ_WASM_B64").then(function (b) { return WebAssembly.compile(b); });
    });
    var runtime = window.Go ? 0 : script(attr("wasm-exec-js"));
    if (!load.index[lang]) load.index[lang] = indexBytes(lang); // at once, not after the module
    load.index[lang].catch(function () {}); // reported through ready
    ready = Promise.all([runtime, compiled]).then(function (got) {
      var go = new window.Go();
      return WebAssembly.instantiate(got[1], go.importObject).then(function (instance) {
        go.run(instance); // main sets window.mehfoozSearch before it blocks
        if (!window.mehfoozSearch) throw new Error("wasm");
        return loadIndex(lang);
      });
    }).then(function () {
      status.textContent = "";
    });
    ready.catch(function () {
      ready = load.index[lang] = null; // try again on the next key
      status.textContent = msg("failed", "Search could not start.");
    });
    return ready;
  }

  function href(l, r) {
    return root + l + "/" + r.url + (offline ? "index.html" : "") + (r.anchor ? "#" + r.anchor : "");
  }

  function fill(ol, l, results) {
    ol.textContent = "";
    results.forEach(function (r) {
      var li = el("li"), a = el("a"), p = el("p");
      a.href = href(l, r);
      a.textContent = r.title;
      if (r.section) {
        var s = el("span", "search-section");
        s.textContent = " › " + r.section;
        a.appendChild(s);
      }
      li.appendChild(a);
      r.snippet.forEach(function (seg) {
        if (seg.marked) {
          var m = el("mark");
          m.textContent = seg.text;
          p.appendChild(m);
        } else {
          p.appendChild(document.createTextNode(seg.text));
        }
      });
      li.dir = "auto";
      li.appendChild(p);
      ol.appendChild(li);
    });
  }

  // otherScript reports whether text is written in a script that reads in
  // the other direction from the page (Urdu typed on an English page, or
  // Roman Urdu on an Urdu page).
  function otherScript(text) {
    var rtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text);
    var ltr = /[A-Za-z\u00c0-\u024f]/.test(text);
    return document.documentElement.dir === "rtl" ? ltr && !rtl : rtl && !ltr;
  }

  var otherPending = false;

  // search shows the results for the box's text. final says the reader
  // pressed Enter: the last word is then whole, not still being typed.
  function search(final) {
    lastFinal = final === true;
    var text = input.value + (lastFinal ? " " : "");
    if (!text.trim() || !loaded[lang]) {
      fill(list, lang, []);
      otherBox.hidden = true;
      if (!text.trim()) status.textContent = "";
      return;
    }
    var api = window.mehfoozSearch;
    var rs = JSON.parse(api.query(lang, text, 10));
    var want = other && (rs.length < 3 || otherScript(text));
    if (want && !loaded[other] && !otherPending) {
      // Fetched only when this language finds little: data costs money.
      otherPending = true;
      loadIndex(other).then(search, function () {});
    }
    var more = want && loaded[other] ? JSON.parse(api.query(other, text, 5)) : [];
    var none = rs.length === 0;
    if (none && api.fallback) {
      // Never nothing: the helplines, the first question of the decision
      // tree and the closest topics, in this page's language.
      rs = JSON.parse(api.fallback(lang, text, 3));
    }
    fill(list, lang, rs);
    fill(otherList, other, more);
    otherBox.hidden = more.length === 0;
    if (rs.length) loadTexts(lang);
    if (more.length) loadTexts(other);
    status.textContent = none ? msg("none", "Nothing found.")
      : rs.length === 1 ? msg("one", "1 result") : msg("results", "{n} results").replace("{n}", rs.length);
  }

  // later searches once typing pauses; the loading starts at once.
  function later() {
    clearTimeout(timer);
    var loading = start();
    timer = setTimeout(function () { loading.then(search, function () {}); }, 100);
  }

  input.addEventListener("input", later);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault(); // never navigate: the query would go into the address
    clearTimeout(timer);
    start().then(function () { search(true); }, function () {});
  });

  // Arrow keys move between the box and the result links.
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    var links = [input].concat([].slice.call(form.querySelectorAll(".search-results a")));
    var i = links.indexOf(document.activeElement);
    var j = i + (ev.key === "ArrowDown" ? 1 : -1);
    if (i < 0 || j < 0 || j >= links.length) return;
    ev.preventDefault();
    links[j].focus();
  });
})();
