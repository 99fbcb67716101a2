/* cleaner review report: filters, tooltip, keyboard navigation, sortable table. No framework, no
   network; everything it shows is already in the page (escaped by the server), so it only moves and
   clones existing nodes and never builds HTML from strings. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var shown = document.getElementById("shown");
  var current = null;

  // side-list entries by "<file section id>/<finding number>", built once (reports can be large)
  var byKey = {};
  document.querySelectorAll("section.file").forEach(function (sec) {
    sec.querySelectorAll("li.finding").forEach(function (li) { byKey[sec.id + "/" + li.getAttribute("data-i")] = li; });
  });
  function itemFor(mark, i) {
    var file = mark.closest("section.file");
    return file ? byKey[file.id + "/" + i] || null : null;
  }
  function ids(mark, attr) {
    var v = mark.getAttribute(attr || "data-f");
    return v ? v.split(" ") : [];
  }
  function visibleItems(mark) {
    return ids(mark).map(function (i) { return itemFor(mark, i); })
      .filter(function (li) { return li && !li.hidden; });
  }

  /* ---- tooltip: clones of the side-list entries (message + suggestion) ---- */
  function showTip(mark) {
    var items = visibleItems(mark);
    if (!items.length) { hideTip(); return; }
    tip.textContent = "";
    items.forEach(function (li) {
      var box = document.createElement("span");
      box.className = "t";
      var head = document.createElement("span");
      head.className = "c";
      head.textContent = li.getAttribute("data-cat") + " · " + li.getAttribute("data-sev");
      box.appendChild(head);
      // a repeat of a grouped finding shows its group's message and suggestion
      var src = li.classList.contains("dup") ? li.parentElement.closest("li.finding") : li;
      ["msg", "change"].forEach(function (cls) {
        var part = src.querySelector("." + cls);
        if (part && part.textContent.trim()) {
          var copy = part.cloneNode(true);
          copy.removeAttribute("id");
          copy.style.display = "block";
          box.appendChild(copy);
        }
      });
      tip.appendChild(box);
    });
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    var top = window.scrollY + r.bottom + 6;
    if (r.bottom + tip.offsetHeight + 12 > window.innerHeight && r.top > tip.offsetHeight + 12) {
      top = window.scrollY + r.top - tip.offsetHeight - 6;
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }

  function setActive(mark) {
    document.querySelectorAll(".hl.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll("li.finding.current").forEach(function (li) { li.classList.remove("current"); });
    current = mark;
    if (!mark) return;
    var file = mark.closest("section.file");
    var first = ids(mark, "data-first");
    first.forEach(function (i) {
      file.querySelectorAll(".hl").forEach(function (m) {
        if (ids(m).indexOf(i) >= 0) m.classList.add("active");
      });
      var li = itemFor(mark, i);
      if (li) {
        li.classList.add("current");
        // a grouped repeat or an informational finding is folded away: unfold it
        for (var d = li.parentElement.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
        var list = li.closest("aside");
        if (list && list.scrollHeight > list.clientHeight) {
          var top = li.offsetTop - list.offsetTop;
          if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - li.offsetHeight) {
            list.scrollTop = Math.max(0, top - list.clientHeight / 3);
          }
        }
      }
    });
  }

  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest(".hl");
    if (m && !m.classList.contains("off")) showTip(m);
  });
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest(".hl");
    if (m && m !== document.activeElement) hideTip();
  });
  document.addEventListener("focusin", function (e) {
    var m = e.target.closest && e.target.closest(".hl");
    if (m) { setActive(m); showTip(m); } else { hideTip(); }
  });

  /* ---- keyboard: j/n next, k/p previous, Esc closes the note ---- */
  // Focus, scroll to and open the note of a highlight. `focus()` fires "focusin" only while the
  // document itself has focus (not in a window opened in the background, nor in a headless run, where
  // the page's self-test saw no note now and then), so the jump marks and opens it itself.
  function reveal(m) {
    m.focus({ preventScroll: true });
    m.scrollIntoView({ block: "center" });
    setActive(m);
    showTip(m);
  }
  function stops() {
    return Array.prototype.filter.call(document.querySelectorAll(".hl[data-first]"), function (m) {
      return !m.classList.contains("off");
    });
  }
  function go(step) {
    var all = stops();
    if (!all.length) return;
    var i = current ? all.indexOf(current) : -1;
    if (i < 0 && current) {
      // the current one was filtered away: continue from its position in the document
      i = all.findIndex(function (m) {
        return current.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      i = i < 0 ? all.length : i;
      if (step > 0) i -= 1;
    }
    reveal(all[(i + step + all.length) % all.length] || all[0]);
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
    else if (e.key === "Escape") { hideTip(); }
  });
  // a side-list link focuses the highlight it points at
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.loc, a.chip");
    if (!a) return;
    var id = a.getAttribute("href").slice(1);
    var el = document.getElementById(id);
    if (!el) return;
    var m = el.classList.contains("hl") ? el : el.nextElementSibling;
    if (m && m.classList.contains("hl")) {
      e.preventDefault();
      reveal(m);
      if (history.replaceState) history.replaceState(null, "", "#" + id);
    }
  });

  /* ---- filters by category and severity ---- */
  function applyFilters() {
    var off = {};
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) off[box.getAttribute("data-filter") + ":" + box.value] = true;
    });
    var total = 0, visible = 0;
    document.querySelectorAll("li.finding").forEach(function (li) {
      var hide = off["cat:" + li.getAttribute("data-cat")] || off["sev:" + li.getAttribute("data-sev")];
      li.hidden = !!hide;
      total += 1;
      if (!hide) visible += 1;
    });
    document.querySelectorAll(".hl").forEach(function (m) {
      var items = visibleItems(m);
      if (!items.length) {
        m.classList.add("off");
        if (m.hasAttribute("data-first")) m.setAttribute("tabindex", "-1");
        return;
      }
      m.classList.remove("off");
      if (m.hasAttribute("data-first")) m.setAttribute("tabindex", "0");
      items.sort(function (a, b) { return a.getAttribute("data-len") - b.getAttribute("data-len"); });
      m.setAttribute("data-cat", items[0].getAttribute("data-cat"));
      if (items.length > 1) {
        m.setAttribute("data-outer", items[items.length - 1].getAttribute("data-cat"));
        m.classList.add("multi");
      } else {
        m.removeAttribute("data-outer");
        m.classList.remove("multi");
      }
    });
    document.querySelectorAll("li.infofold").forEach(function (fold) {
      fold.hidden = !fold.querySelector("li.finding:not([hidden])");
    });
    document.querySelectorAll("a.chip").forEach(function (c) {
      c.hidden = !!off["cat:" + c.getAttribute("data-cat")];
    });
    shown.textContent = visible === total ? "" : "showing " + visible + " of " + total + " findings";
    hideTip();
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  if (document.querySelector("input[data-filter]:not(:checked)")) applyFilters();  // restored form state

  /* ---- sortable overview table ---- */
  var table = document.getElementById("files-table");
  if (table) {
    table.querySelectorAll("thead button").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var th = btn.closest("th");
        var col = +btn.getAttribute("data-col");
        var num = btn.getAttribute("data-type") === "num";
        var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
        if (!num && th.getAttribute("aria-sort") === "none") dir = "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
          var c = num ? (+x) - (+y) : x.localeCompare(y);
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  /* ---- print: open every folded part so nothing is left out on paper ---- */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
    hideTip();
  });
})();
