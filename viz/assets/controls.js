/* diplograph page, controls: legend and filters, search, focus, text size, time slider,
   presentation mode. */
(function () {
  "use strict";
  var dg = window.diplograph, el = dg.el, network = dg.network, state = dg.state, meta = dg.meta;
  var $ = function (id) { return document.getElementById(id); };

  // Legend and filters, from the schema's labels and types (in the page's data).
  function checkList(listId, items, attr, hidden, key, draw) {
    var list = $(listId);
    items.forEach(function (item) {
      var box = el("input"); box.type = "checkbox"; box.checked = true;
      box.setAttribute(attr, String(key(item)));
      box.addEventListener("change", function () {
        if (box.checked) hidden.delete(key(item)); else hidden.add(key(item));
        dg.refresh();
      });
      var lab = el("label");
      lab.appendChild(box);
      draw(lab, item);
      var li = el("li"); li.appendChild(lab); list.appendChild(li);
    });
    if (list.childElementCount && list.hidden) {
      list.hidden = false;
      var head = $(listId + "-head"); if (head) head.hidden = false;
    }
    return list;
  }
  function swatch(shape, color) {
    var sw = el("span", "", "dg-swatch " + shape); sw.style.background = color; return sw;
  }
  var labelList = checkList("dg-labels", meta.legend.labels.filter(function (l) { return l.count; }),
    "data-label", state.hiddenLabels, function (l) { return l.name; }, function (lab, l) {
      lab.title = l.description;
      lab.append(swatch(l.shape, l.color), el("span", l.name), el("span", l.count, "dg-n"));
    });
  // Communities (when colour shows them), named after their most connected member.
  var communityList = checkList("dg-communities", meta.legend.communities || [], "data-community",
    state.hiddenCommunities, function (c) { return c.index; }, function (lab, c) {
      lab.title = "Community " + c.index + ": " + c.size + " members; most connected: " + c.central.join(", ");
      lab.append(swatch("dot", c.color), el("span", c.name), el("span", c.count, "dg-n"));
    });
  checkList("dg-changes", meta.legend.changes || [], "data-change", state.hiddenChanges,
    function (c) { return c.name; }, function (lab, c) {
      lab.append(swatch("dot", c.color), el("span", c.name),
                 el("span", c.nodes + " / " + c.edges, "dg-n"));
      lab.title = c.nodes + " nodes and " + c.edges + " ties " + c.name;
    });
  checkList("dg-types", meta.legend.types.filter(function (t) { return t.count; }), "data-type",
    state.hiddenTypes, function (t) { return t.name; }, function (lab, t) {
      lab.title = t.name;
      var line = el("span", "", "dg-line"); line.style.borderTopColor = t.color;
      lab.append(line, el("span", t.symmetric ? "\u2194" : "\u2192", "dg-arrow"), el("span", t.label),
                 el("span", t.count, "dg-n"));
    });
  meta.legend.statuses.forEach(function (s) {
    if (!s.count) return;
    var li = el("li", "", "dg-row"), line = el("span", "", "dg-line");
    line.style.borderTopStyle = s.dashes ? (s.dashes[0] < 4 ? "dotted" : "dashed") : "solid";
    line.style.borderTopColor = "#666";
    li.append(line, el("span", s.name), el("span", s.count, "dg-n"));
    $("dg-statuses").appendChild(li);
  });

  // Filters: unconnected nodes, a minimum number of ties, dismissed nodes, physics.
  var isolated = $("dg-hide-isolated"), minDegree = $("dg-min-degree");
  minDegree.value = String(state.minDegree);
  isolated.addEventListener("change", function () { state.hideIsolated = isolated.checked; dg.refresh(); });
  minDegree.addEventListener("input", function () {
    state.minDegree = Math.max(0, parseInt(minDegree.value, 10) || 0); dg.refresh();
  });
  var dismissedBox = $("dg-dismissed");
  dg.hooks.refresh.push(function () {
    dismissedBox.hidden = state.dismissed.size === 0;
    dismissedBox.firstChild.textContent = state.dismissed.size + " dismissed ";
  });
  $("dg-undismiss").addEventListener("click", function () { state.dismissed.clear(); dg.refresh(); });
  var physics = $("dg-physics");
  physics.checked = !!meta.physics;
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });

  // Search: exact name or alias first, then prefix, then substring.
  var search = $("dg-search"), results = $("dg-results");
  function find(query, limit) {
    var q = dg.fold(query), ranked = [];
    if (!q) return ranked;
    for (var i = 0; i < dg.keys.length && ranked.length < 2000; i++) {
      var k = dg.keys[i], best = 9;
      for (var j = 0; j < k.forms.length; j++) {
        var f = k.forms[j];
        if (f === q) { best = 0; break; }
        if (f.indexOf(q) === 0) best = Math.min(best, 1);
        else if (f.indexOf(q) > 0) best = Math.min(best, 2);
      }
      if (best < 9) ranked.push([best, k.name.length, k]);
    }
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return ranked.slice(0, limit || 12).map(function (r) { return r[2]; });
  }
  function showResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    var found = find(search.value);
    found.forEach(function (k, i) {
      var li = el("li"); li.setAttribute("role", "option"); li.setAttribute("data-id", k.id);
      if (i === 0) li.setAttribute("aria-selected", "true");
      li.append(el("span", k.name), el("span", dg.byId[k.id].dg.label, "dg-sub"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); select(k.id, true); });
      results.appendChild(li);
    });
    results.hidden = found.length === 0;
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = find(search.value, 1);
      if (found.length) select(found[0].id, true);
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  search.addEventListener("blur", function () { results.hidden = true; });
  dg.find = function (q) { return find(q).map(function (k) { return k.id; }); };

  // Select a node: show it (a search may reach a hidden one), open its panel, and with
  // `zoom` fit the view to it and its visible neighbours.
  function select(id, zoom) {
    var n = dg.byId[id];
    if (!n) return;
    if (!dg.shown.nodes.has(id)) {
      state.hiddenLabels.delete(n.dg.label);
      var box = labelList.querySelector('input[data-label="' + CSS.escape(n.dg.label) + '"]');
      if (box) box.checked = true;
      if (n.dg.community) {
        state.hiddenCommunities.delete(n.dg.community.index);
        var cbox = communityList.querySelector('input[data-community="' + n.dg.community.index + '"]');
        if (cbox) cbox.checked = true;
      }
      if (state.focus && !state.focus.has(id)) state.focus = null;
      state.expanded.add(id); state.dismissed.delete(id);
      dg.refresh();
    }
    state.selected = id;
    results.hidden = true;
    network.selectNodes([id]);
    $("dg-focus").disabled = false;
    dg.showNode(id);
    if (zoom) {
      var around = [id];
      (dg.adjacency[id] || []).forEach(function (e) {
        if (dg.shown.edges.has(e.id)) around.push(e.from === id ? e.to : e.from);
      });
      dg.fit(around);
    }
  }
  dg.select = select;

  // Focus: the selected node's neighbourhood to the chosen depth, along shown types.
  function neighbourhood(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (cur) {
        (dg.adjacency[cur] || []).forEach(function (e) {
          if (state.hiddenTypes.has(e.dg.type)) return;
          var other = e.from === cur ? e.to : e.from;
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  dg.focusOn = function (id, depth) {
    state.selected = id;
    state.focus = neighbourhood(id, depth);
    state.expanded.clear();
    dg.refresh();
    dg.arrange();
  };
  $("dg-focus").addEventListener("click", function () {
    if (state.selected) dg.focusOn(state.selected, parseInt($("dg-depth").value, 10) || 1);
  });
  dg.reset = function () {
    state.focus = null; state.story = null; state.step = null;
    [state.hiddenLabels, state.hiddenTypes, state.hiddenCommunities, state.hiddenChanges,
     state.dismissed, state.expanded].forEach(function (s) { s.clear(); });
    state.minDegree = 0; state.hideIsolated = false;
    minDegree.value = "0"; isolated.checked = false;
    document.querySelectorAll("#dg-legend input[type=checkbox]:not(#dg-physics):not(#dg-hide-isolated)")
      .forEach(function (b) { b.checked = true; });
    if (dg.setStepControl) dg.setStepControl(null);
    dg.hooks.reset.forEach(function (f) { f(); });
    dg.refresh();
    dg.arrange();
  };
  $("dg-reset").addEventListener("click", dg.reset);
  $("dg-fit").addEventListener("click", function () { dg.fit(); });

  // Text size.
  $("dg-text-larger").addEventListener("click", function () { dg.setText(Math.min(4, state.textScale * 1.25)); });
  $("dg-text-smaller").addEventListener("click", function () { dg.setText(Math.max(0.4, state.textScale / 1.25)); });

  // Collapsible legend; presentation mode (full screen, no controls; Esc leaves).
  var legend = $("dg-legend"), toggle = $("dg-legend-toggle");
  function resized() { network.setSize("100%", "100%"); network.redraw(); }
  toggle.addEventListener("click", function () {
    legend.hidden = !legend.hidden;
    toggle.setAttribute("aria-expanded", String(!legend.hidden));
    resized();
  });
  var leave = $("dg-leave");
  function present(on) {
    document.body.classList.toggle("dg-present", on);
    leave.hidden = !on;
    if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay in page */ });
    } else if (!on && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () { /* already out */ });
    }
    resized();
    dg.afterDraw(function () { dg.fit(); });
  }
  dg.present = present;
  $("dg-present").addEventListener("click", function () { present(true); });
  leave.addEventListener("click", function () { present(false); });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && document.body.classList.contains("dg-present")) present(false);
  });
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test((ev.target && ev.target.tagName) || "");
    if (ev.key === "Escape" && document.body.classList.contains("dg-present")) present(false);
    else if (!typing && (ev.key === "Delete" || ev.key === "Backspace") && state.selected) dg.dismiss(state.selected);
  });

  // Time: a slider over the steps (months or years) the ties' dates span; its last
  // position shows every tie whatever its dates. Python computed, with the rule of
  // `posts --as-of`, on which steps each tie holds.
  var steps = (meta.time && meta.time.steps) || [];
  var slider = $("dg-slider"), dateBox = $("dg-date"), play = $("dg-play"), timer = null;
  function label(step) { return step === null ? "All dates" : "As of " + steps[step]; }
  function setStepControl(step) {
    slider.value = String(step === null ? steps.length : step);
    dateBox.textContent = label(step);
  }
  function setStep(step) {
    state.step = step;
    setStepControl(step);
    dg.refresh();
  }
  function stop() { if (timer) { clearInterval(timer); timer = null; } play.setAttribute("aria-pressed", "false"); play.textContent = "\u25b6 Play"; }
  if (steps.length) {
    $("dg-time").hidden = false;
    slider.max = String(steps.length);
    setStepControl(null);
    slider.addEventListener("input", function () {
      stop();
      var v = parseInt(slider.value, 10);
      setStep(v >= steps.length ? null : v);
    });
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      play.setAttribute("aria-pressed", "true"); play.textContent = "\u275a\u275a Pause";
      setStep(state.step === null ? 0 : state.step);
      timer = setInterval(function () {
        var next = state.step === null ? 0 : state.step + 1;
        if (next >= steps.length) { setStep(null); stop(); } else setStep(next);
      }, 1200);
    });
  }
  dg.setStep = setStep; dg.setStepControl = setStepControl; dg.steps = steps;
})();
