/* qa-pipeline HTML report: table sorting, finding filters, keyboard navigation.
   Inline, allowed by hash in the page's Content-Security-Policy. The page is complete without it. */
(function () {
  "use strict";
  var d = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); };
  var ids = function (el) { var v = el.getAttribute("data-f"); return v ? v.split(" ").map(Number) : []; };
  var SEV = ["neutral", "minor", "major", "critical"];

  /* Sortable tables: header text becomes a button; cells sort by their data-v value. */
  all("table.sortable").forEach(function (table) {
    var heads = all("thead th", table);
    var body = table.tBodies[0];
    heads.forEach(function (th, col) {
      var btn = d.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      while (th.firstChild) btn.appendChild(th.firstChild);
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        var num = th.getAttribute("data-type") === "num";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
          var v = row.cells[col].getAttribute("data-v") || "";
          return { row: row, key: num ? parseFloat(v) || 0 : v.toLowerCase(), i: i };
        });
        rows.sort(function (a, b) {
          var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
          return (asc ? c : -c) || a.i - b.i;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  });

  /* File page */
  var items = all("li.finding");
  if (!items.length) return;
  var info = items.map(function (li) {
    return { li: li, sev: li.getAttribute("data-sev"), cat: li.getAttribute("data-cat"), code: li.getAttribute("data-code"),
             rank: Number(li.getAttribute("data-rank")), tip: li.getAttribute("data-tip") };
  });
  var marks = all("mark.hl").map(function (m) { return { el: m, f: ids(m) }; });
  var segs = all(".seg").map(function (s) { return { el: s, f: ids(s) }; });
  var lines = all(".filelevel li").map(function (s) { return { el: s, f: ids(s) }; });
  var folds = all("details.fold");
  var form = d.getElementById("filters");
  var count = d.getElementById("fcount");
  var active = info.map(function () { return true; });

  function apply() {
    var data = new FormData(form);
    var want = { sev: data.getAll("sev"), cat: data.getAll("cat"), code: data.getAll("code") };
    var only = data.has("only");
    var shown = 0;
    info.forEach(function (f, i) {
      active[i] = want.sev.indexOf(f.sev) >= 0 && want.cat.indexOf(f.cat) >= 0 && want.code.indexOf(f.code) >= 0;
      f.li.hidden = !active[i];
      if (active[i]) shown++;
    });
    marks.forEach(function (m) {
      var on = m.f.filter(function (i) { return active[i]; });
      var cls = m.el.classList;
      SEV.forEach(function (s) { cls.remove("s-" + s); });
      if (on.length) {
        var top = Math.max.apply(null, on.map(function (i) { return info[i].rank; }));
        cls.remove("off");
        cls.add("s-" + SEV[top]);
        m.el.setAttribute("tabindex", "0");
        m.el.setAttribute("data-tip", on.map(function (i) { return info[i].tip; }).join("\n"));
        m.el.setAttribute("aria-describedby", on.map(function (i) { return "f" + i; }).join(" "));
      } else {
        cls.add("off");
        m.el.removeAttribute("tabindex");
        m.el.removeAttribute("aria-describedby");
      }
    });
    segs.forEach(function (s) {
      s.el.hidden = only && !s.f.some(function (i) { return active[i]; });
    });
    lines.forEach(function (s) { s.el.hidden = !s.f.some(function (i) { return active[i]; }); });
    folds.forEach(function (f) { f.hidden = only; });
    count.textContent = shown === info.length ? "" : "Showing " + shown + " of " + info.length + " findings";
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.querySelector("[data-action=reset]").addEventListener("click", function () {
      all("input[type=checkbox]", form).forEach(function (c) { c.checked = c.name !== "only"; });
      apply();
    });
  }

  function reveal(el) {
    var fold = el.closest("details.fold");
    if (fold) fold.open = true;
  }

  /* Go from a finding to its highlight (and back). */
  function markFor(n) {
    for (var k = 0; k < marks.length; k++) if (marks[k].f.indexOf(n) >= 0) return marks[k].el;
    return null;
  }
  function focusMark(m) {
    reveal(m);
    m.scrollIntoView({ block: "center" });
    m.focus({ preventScroll: true });
    m.classList.remove("pulse");
    void m.offsetWidth;
    m.classList.add("pulse");
  }
  function current(ns) {
    items.forEach(function (li, i) { li.classList.toggle("current", ns.indexOf(i) >= 0); });
    var first = ns.length ? items[ns[0]] : null;
    if (first && !first.hidden) {
      var pane = d.getElementById("findings");
      var top = first.offsetTop - pane.offsetTop;
      if (top < pane.scrollTop || top > pane.scrollTop + pane.clientHeight - 40) pane.scrollTop = top - 16;
    }
  }
  all("a.goto").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var m = markFor(Number(a.getAttribute("data-f")));
      if (!m) return;
      ev.preventDefault();
      focusMark(m);
      current(ids(a));
    });
  });
  marks.forEach(function (m) {
    m.el.addEventListener("focus", function () { current(m.f.filter(function (i) { return active[i]; })); });
    m.el.addEventListener("click", function () { current(m.f.filter(function (i) { return active[i]; })); });
  });

  /* n / p: next and previous visible highlight. */
  d.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || (ev.key !== "n" && ev.key !== "p")) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var list = marks.filter(function (m) {
      return !m.el.classList.contains("off") && !m.el.closest("[hidden]");
    }).map(function (m) { return m.el; });
    if (!list.length) return;
    var at = list.indexOf(d.activeElement);
    var next = ev.key === "n" ? (at + 1) % list.length : (at <= 0 ? list.length - 1 : at - 1);
    ev.preventDefault();
    focusMark(list[next]);
  });

  /* Print the whole document: open the folds. */
  window.addEventListener("beforeprint", function () { folds.forEach(function (f) { f.open = true; }); });
})();
