/* diplograph review marks: how each tie and node is known (machine-read, curated,
   confirmed, corrected), and marks a reader makes from the side panel (this tie is
   wrong, confirm it, merge this node into another, reject this node), collected and
   offered as a corrections file to download, which `diplograph build` applies.
   It runs after the page's own scripts (viz.page.SCRIPTS) and works through
   window.diplograph: hooks.panel (the side panel), hooks.reset ("Show all") and
   state.hiddenProvenance (which core.js's tiePasses reads).
   Every text from data goes into the page as DOM text; the file is built by quoting
   every value as a YAML double-quoted scalar, so no name can change its structure. The
   download is a Blob made here: the page makes no request. */
(function () {
  "use strict";
  var api = window.diplograph;
  if (!api || !api.hooks) return;
  var el = api.el, meta = api.meta, state = api.state;
  var levels = Object.create(null);
  (meta.legend.provenance || []).forEach(function (p) { levels[p.name] = p; });

  function button(text, cls, onClick) {
    var b = el("button", text, cls); b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // --- Names that find one node again when the file is applied ----------------------
  // As graph.names.match_key: no case, accents, punctuation or leading "the".
  function matchKey(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/^the\s+/, "").replace(/[^\p{L}\p{N}]+/gu, "");
  }
  var owners = Object.create(null);  // match key -> ids of the nodes with that name/alias
  Object.keys(api.byId).forEach(function (id) {
    var n = api.byId[id];
    [n.dg.name].concat(n.dg.aliases || []).forEach(function (form) {
      var k = matchKey(form), list = owners[k] || (owners[k] = []);
      if (list.indexOf(n.id) < 0) list.push(n.id);
    });
  });
  function ref(id) {  // the node's name when it names only this node, else its id
    var n = api.byId[id], name = n ? n.dg.name : id;
    var list = owners[matchKey(name)] || [];
    return list.length === 1 && list[0] === id ? name : id;
  }

  // --- A corrections file, quoted value by value ------------------------------------
  function hex(c, width) { var h = c.toString(16).toUpperCase(); return "0".repeat(width - h.length) + h; }
  function quoted(value) {  // a YAML double-quoted scalar holding exactly `value`
    var out = '"';
    for (var ch of String(value)) {
      var c = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) ||
               (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000) out += ch;
      else if (c >= 0xd800 && c <= 0xdfff) out += "\\uFFFD";  // a lone surrogate: no character
      else out += "\\u" + hex(c, 4);
    }
    return out + '"';
  }
  function entry(mark, by, at) {
    var lines = [];
    if (mark.tie) {
      lines.push("  - " + mark.op + ": {s: " + quoted(mark.tie[0]) + ", type: " + quoted(mark.tie[1]) +
                 ", o: " + quoted(mark.tie[2]) + "}");
    } else {
      lines.push("  - " + mark.op + ": " + quoted(mark.entity));
      if (mark.into) lines.push("    into: " + quoted(mark.into));
    }
    lines.push("    note: " + quoted(mark.note || "marked in the diplograph page"));
    lines.push("    by: " + quoted(by));
    lines.push("    at: " + quoted(at));
    return lines.join("\n");
  }
  function correctionsText(marks, by, at) {
    return "# Corrections marked in a diplograph page. Put this file beside your inputs\n" +
      "# (e.g. as corrections-page.yaml) and run `diplograph build`.\ncorrections:\n" +
      marks.map(function (m) { return entry(m, by, at); }).join("\n") + "\n";
  }

  // --- The marks, and the box that lists and downloads them -------------------------
  var marks = [];
  var box = el("section", "", "dg-review"); box.id = "dg-review"; box.hidden = true;
  box.setAttribute("aria-label", "Review marks");
  var head = el("h2", "Review marks"), list = el("ol");
  var who = el("input"); who.id = "dg-review-by"; who.placeholder = "Your name (by)";
  who.setAttribute("aria-label", "Your name, written as who made the corrections");
  var save = button("Download corrections", "dg-download", download); save.id = "dg-review-download";
  box.append(head, list, who, save);
  document.getElementById("dg-stage").appendChild(box);
  function key(mark) { return JSON.stringify([mark.op, mark.tie || mark.entity, mark.into || ""]); }
  function add(mark) {
    if (marks.some(function (m) { return key(m) === key(mark); })) return;
    marks.push(mark);
    redraw();
  }
  function redraw() {
    while (list.firstChild) list.removeChild(list.firstChild);
    marks.forEach(function (m, i) {
      var what = m.tie ? m.tie.join(" ") : m.entity + (m.into ? " \u2192 " + m.into : "");
      var li = el("li", "", "dg-mark");
      li.append(el("span", m.op + ": " + what), button("\u00d7", "dg-unmark", function () {
        marks.splice(i, 1); redraw();
      }));
      li.lastChild.setAttribute("aria-label", "Remove this mark");
      list.appendChild(li);
    });
    head.textContent = "Review marks (" + marks.length + ")";
    box.hidden = marks.length === 0;
  }
  function download() {
    var by = who.value.trim();
    if (!by) { who.focus(); who.setAttribute("aria-invalid", "true"); return; }
    who.removeAttribute("aria-invalid");
    var at = new Date().toISOString().slice(0, 10);
    var blob = new Blob([correctionsText(marks, by, at)], { type: "application/x-yaml" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "corrections-page-" + at + ".yaml";
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
  }
  api.review = { marks: marks, text: function (by, at) { return correctionsText(marks, by, at); } };

  // --- How a tie or node is known: in the side panel and in ties' tooltips ---------
  function swatch(level) {
    var sw = el("span", "", "dg-swatch dot"); sw.style.background = level.color;
    return sw;
  }
  function checking(dg) {
    var frag = document.createDocumentFragment(), level = levels[dg.provenance];
    if (!level) return frag;
    frag.appendChild(el("h3", "How it is known"));
    var line = el("p", "", "dg-provenance");
    var said = level.description;
    if (dg.methods && dg.methods.length) said += " \u00b7 " + dg.methods.join(", ") + ", confidence " + dg.confidence;
    line.append(swatch(level), el("span", said));
    line.setAttribute("data-provenance", dg.provenance);
    frag.appendChild(line);
    (dg.corrections || []).forEach(function (m) {
      var p = el("p", (m.detail || m.op) + " \u2014 " + m.by + ", " + m.at +
                 (m.note ? ": " + m.note : ""), "dg-correction");
      p.title = m.origin || "";
      frag.appendChild(p);
    });
    return frag;
  }
  // The tooltip core.js made (a text element) gains the level under its first line.
  Object.keys(api.edgeById).forEach(function (id) {
    var e = api.edgeById[id], level = levels[e.dg.provenance], tip = e.title;
    if (!level || !(tip instanceof Element)) return;
    var lines = tip.textContent.split("\n");
    lines.splice(1, 0, level.description);
    tip.textContent = lines.join("\n");
  });

  // --- The marks a reader can make, from the side panel ----------------------------
  function note() {
    var input = el("input", "", "dg-mark-note"); input.placeholder = "Why (note)";
    input.setAttribute("aria-label", "Why: the note kept with the mark");
    return input;
  }
  function tools(kind, item) {
    var box = el("div", "", "dg-review-tools"), why = note();
    box.append(el("h3", "Review"), why);
    if (kind === "edge") {
      var tie = [ref(item.from), item.dg.type, ref(item.to)];
      box.append(
        button("Mark this tie wrong", "dg-mark-wrong", function () { add({ op: "reject", tie: tie, note: why.value }); }),
        button("Confirm this tie", "dg-mark-confirm", function () { add({ op: "confirm", tie: tie, note: why.value }); }));
      return box;
    }
    var into = el("input", "", "dg-merge-into"); into.placeholder = "Merge into (name)";
    into.setAttribute("aria-label", "The node to merge this one into");
    var found = el("span", "", "dg-meta");
    box.append(
      button("Reject this node", "dg-mark-reject", function () { add({ op: "reject", entity: ref(item.id), note: why.value }); }),
      into,
      button("Merge into it", "dg-mark-merge", function () {
        var hits = api.find(into.value).filter(function (id) { return id !== item.id; });
        if (!hits.length) { found.textContent = "No other node has that name."; return; }
        found.textContent = "";
        add({ op: "merge", entity: ref(item.id), into: ref(hits[0]), note: why.value });
      }), found);
    return box;
  }
  // How it is known goes just above the sources (panel.js: a heading, then their list
  // or a hint); the review tools after them, before a node's list of ties (which can be
  // long).
  function headingAbove(body, selector) {  // the heading over that list; null: the end
    var found = body.querySelector(selector);
    return found ? found.previousElementSibling : null;
  }
  api.hooks.panel.push(function (kind, item, body) {
    body.insertBefore(checking(item.dg), headingAbove(body, ".dg-citations, .dg-hint"));
    body.insertBefore(tools(kind, item), headingAbove(body, ".dg-ties"));
  });

  // --- The legend: one check box per provenance level (hides its ties) --------------
  // The line drawn as the map draws the level's ties (faded when no person checked
  // them); the dot is the level's mark, as in the panel.
  var legend = document.getElementById("dg-legend");
  if (legend && meta.legend.provenance) {
    var ul = el("ul"); ul.id = "dg-provenance";
    meta.legend.provenance.forEach(function (p) {
      if (!p.count) return;
      var check = el("input"); check.type = "checkbox"; check.checked = true;
      check.setAttribute("data-provenance", p.name);
      check.addEventListener("change", function () {
        if (check.checked) state.hiddenProvenance.delete(p.name); else state.hiddenProvenance.add(p.name);
        api.refresh();
      });
      var line = el("span", "", "dg-line");
      line.style.borderTopColor = "#555"; line.style.opacity = String(p.opacity);
      var lab = el("label"); lab.title = p.description + (p.checked ? " (checked by a person)" : "");
      lab.append(check, line, swatch(p), el("span", p.name), el("span", p.count, "dg-n"));
      var li = el("li"); li.appendChild(lab); ul.appendChild(li);
    });
    if (ul.childElementCount) legend.append(el("h2", "Evidence"), ul);
  }
  api.hooks.reset.push(function () { state.hiddenProvenance.clear(); });
})();
