// The incident log (layouts/log.html): adds rows, clears the table and
// prints it with the date. Nothing is sent, stored or put in the address
// bar. Without this script the table can still be typed in and printed, or
// printed empty and filled in by hand.
(function () {
  "use strict";
  var form = document.getElementById("log-form");
  var rows = document.getElementById("log-rows");
  if (!form || !rows) return;
  var first = rows.rows.length;
  var sized = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  // Grow a box to show all its text, on screen and on paper, where the
  // stylesheet's field-sizing cannot.
  function grow(box) {
    if (sized || box.tagName !== "TEXTAREA") return;
    box.rows = 1;
    while (box.scrollHeight > box.clientHeight && box.rows < 40) box.rows++;
  }

  form.addEventListener("input", function (ev) { grow(ev.target); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () {
    while (rows.rows.length > first) rows.deleteRow(-1);
    setTimeout(function () {
      var boxes = rows.querySelectorAll("textarea");
      for (var i = 0; i < boxes.length; i++) grow(boxes[i]);
    }, 0);
  });
  document.getElementById("log-add").addEventListener("click", function () {
    var tr = rows.rows[rows.rows.length - 1].cloneNode(true);
    var boxes = tr.querySelectorAll("textarea");
    for (var i = 0; i < boxes.length; i++) { boxes[i].value = ""; boxes[i].rows = 1; }
    rows.appendChild(tr);
    if (boxes.length) boxes[0].focus();
  });
  document.getElementById("log-print").addEventListener("click", function () { window.print(); });
  // A printed log says when it was printed, written as the site writes
  // dates in this language (date_format and the month names of the UI
  // strings, carried on the element).
  window.addEventListener("beforeprint", function () {
    var d = document.getElementById("log-date");
    if (!d) return;
    var now = new Date();
    var months = (d.getAttribute("data-months") || "").split("|");
    d.textContent = (d.getAttribute("data-format") || "{d} {month} {y}")
      .replace("{d}", String(now.getDate()))
      .replace("{month}", months[now.getMonth()] || String(now.getMonth() + 1))
      .replace("{y}", String(now.getFullYear()));
    d.classList.remove("blank");
  });
  window.addEventListener("pagehide", function () {
    if (/\bleaving\b/.test(document.documentElement.className)) form.reset();
  });

  document.getElementById("log-buttons").hidden = false;
  document.getElementById("log-nojs").hidden = true;
})();
