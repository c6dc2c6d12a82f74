/* diplograph page controls. Every text that comes from data is put in the page as a
   DOM text node (textContent / createTextNode), never parsed as HTML. */
(function () {
  "use strict";
  var readJSON = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var rawNodes = readJSON("dg-nodes"), rawEdges = readJSON("dg-edges");
  var meta = readJSON("dg-meta"), options = readJSON("dg-options");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null && text !== "") e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fold(s) {  // case, accents and width folded, for search
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\s\-_.,'\u2019"()]+/g, " ").trim();
  }
  function tip(text) {  // vis-network shows an Element as is: a div holding plain text
    var d = el("div", text, "dg-tip");
    return d;
  }

  var byId = Object.create(null), keys = [];
  rawNodes.forEach(function (n) {
    byId[n.id] = n;
    var forms = [n.dg.name].concat(n.dg.aliases || []);
    keys.push({ id: n.id, name: n.dg.name, forms: forms.map(fold) });
    n.title = tip(n.title);
  });
  rawEdges.forEach(function (e) { e.title = tip(e.title); });
  var adjacency = Object.create(null);
  rawEdges.forEach(function (e) {
    (adjacency[e.from] = adjacency[e.from] || []).push(e);
    (adjacency[e.to] = adjacency[e.to] || []).push(e);
  });

  var state = { hiddenLabels: new Set(), hiddenTypes: new Set(), hiddenCommunities: new Set(),
    hiddenProvenance: new Set(), focus: null, selected: null };
  function hiddenNode(n) {  // by the legend's check boxes (label or community)
    return state.hiddenLabels.has(n.dg.label) ||
      (!!n.dg.community && state.hiddenCommunities.has(n.dg.community.index));
  }
  var nodes = new vis.DataSet(rawNodes), edges = new vis.DataSet(rawEdges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) {
    if (hiddenNode(n)) return false;
    return !state.focus || state.focus.has(n.id);
  } });
  var edgeView = new vis.DataView(edges, { filter: function (e) {
    if (state.hiddenTypes.has(e.dg.type) || state.hiddenProvenance.has(e.dg.provenance)) return false;
    return visibleNode(e.from) && visibleNode(e.to);
  } });
  function visibleNode(id) {
    var n = byId[id];
    return !!n && !hiddenNode(n) && (!state.focus || state.focus.has(id));
  }

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  var api = window.diplograph = { network: network, nodes: nodes, edges: edges,
    nodeView: nodeView, edgeView: edgeView, state: state, firstDrawAt: null,
    hooks: { panel: [] } };  // panel hooks: f(kind, node or edge, panel) after it is drawn
  function panelHooks(kind, item) {
    api.hooks.panel.forEach(function (f) { f(kind, item, panel); });
  }
  network.once("afterDrawing", function () {
    api.firstDrawAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  var countBox = document.getElementById("dg-count");
  function refresh() {
    nodeView.refresh(); edgeView.refresh();
    countBox.textContent = nodeView.length + " of " + nodes.length + " nodes, " +
      edgeView.length + " of " + edges.length + " ties";
  }

  // Legend and filters, from the schema's labels and types (in the page's data).
  var labelList = document.getElementById("dg-labels");
  meta.legend.labels.forEach(function (l) {
    if (!l.count) return;
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = l.name;
    box.setAttribute("data-label", l.name);
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenLabels.delete(l.name); else state.hiddenLabels.add(l.name);
      refresh();
    });
    var sw = el("span", "", "dg-swatch " + l.shape); sw.style.background = l.color;
    var lab = el("label"); lab.title = l.description;
    lab.append(box, sw, el("span", l.name), el("span", l.count, "dg-n"));
    var li = el("li"); li.appendChild(lab); labelList.appendChild(li);
  });
  // Communities, when the page is coloured by community: named after their most
  // connected member; the count is how many of their members are drawn.
  var communityList = document.getElementById("dg-communities");
  (meta.legend.communities || []).forEach(function (c) {
    var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.setAttribute("data-community", String(c.index));
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenCommunities.delete(c.index); else state.hiddenCommunities.add(c.index);
      refresh();
    });
    var sw = el("span", "", "dg-swatch dot"); sw.style.background = c.color;
    var lab = el("label");
    lab.title = "Community " + c.index + ": " + c.size + " members; most connected: " + c.central.join(", ");
    lab.append(box, sw, el("span", c.name), el("span", c.count, "dg-n"));
    var li = el("li"); li.appendChild(lab); communityList.appendChild(li);
  });
  if (communityList.childElementCount) {
    communityList.hidden = false;
    document.getElementById("dg-communities-head").hidden = false;
  }
  var typeList = document.getElementById("dg-types");
  meta.legend.types.forEach(function (t) {
    if (!t.count) return;
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = t.name;
    box.setAttribute("data-type", t.name);
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenTypes.delete(t.name); else state.hiddenTypes.add(t.name);
      refresh();
    });
    var lab = el("label"); lab.title = t.name;
    lab.append(box, el("span", t.symmetric ? "\u2194" : "\u2192", "dg-arrow"), el("span", t.label),
               el("span", t.count, "dg-n"));
    var li = el("li"); li.appendChild(lab); typeList.appendChild(li);
  });

  // Search: exact name or alias first, then prefix, then substring.
  var search = document.getElementById("dg-search"), results = document.getElementById("dg-results");
  function find(query, limit) {
    var q = fold(query), ranked = [];
    if (!q) return ranked;
    for (var i = 0; i < keys.length && ranked.length < 2000; i++) {
      var k = keys[i], best = 9;
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
      li.append(el("span", k.name), el("span", byId[k.id].dg.label, "dg-sub"));
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
  api.find = function (q) { return find(q).map(function (k) { return k.id; }); };

  function select(id, zoom) {
    var n = byId[id];
    if (!n) return;
    if (!visibleNode(id)) {  // a search may reach a hidden node: show it
      state.hiddenLabels.delete(n.dg.label);
      var box = labelList.querySelector('input[data-label="' + CSS.escape(n.dg.label) + '"]');
      if (box) box.checked = true;
      if (n.dg.community) {
        state.hiddenCommunities.delete(n.dg.community.index);
        var cbox = communityList.querySelector('input[data-community="' + n.dg.community.index + '"]');
        if (cbox) cbox.checked = true;
      }
      if (state.focus && !state.focus.has(id)) state.focus = null;
      refresh();
    }
    state.selected = id;
    results.hidden = true;
    network.selectNodes([id]);
    if (zoom) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    document.getElementById("dg-focus").disabled = false;
    showNode(id);
  }
  api.select = select;

  // Focus mode: the selected node's neighbourhood to the chosen depth, along shown types.
  function neighbourhood(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (cur) {
        (adjacency[cur] || []).forEach(function (e) {
          if (state.hiddenTypes.has(e.dg.type)) return;
          var other = e.from === cur ? e.to : e.from;
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  document.getElementById("dg-focus").addEventListener("click", function () {
    if (!state.selected) return;
    var depth = parseInt(document.getElementById("dg-depth").value, 10) || 1;
    state.focus = neighbourhood(state.selected, depth);
    refresh();
    network.fit({ animation: false });
  });
  document.getElementById("dg-reset").addEventListener("click", function () {
    state.focus = null; state.hiddenLabels.clear(); state.hiddenTypes.clear();
    state.hiddenCommunities.clear(); state.hiddenProvenance.clear();
    document.querySelectorAll("#dg-legend input").forEach(function (b) { b.checked = true; });
    refresh();
    network.fit({ animation: false });
  });
  var physics = document.getElementById("dg-physics");
  physics.checked = !!meta.physics;
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });

  // Side panel.
  var panel = document.getElementById("dg-panel");
  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function propsList(props, conflicts) {
    var frag = document.createDocumentFragment();
    if (props && props.length) {
      var dl = el("ul");
      props.forEach(function (p) { dl.appendChild(el("li", p[0] + ": " + p[1])); });
      frag.appendChild(dl);
    }
    Object.keys(conflicts || {}).forEach(function (k) {
      frag.appendChild(el("p", "Sources disagree on " + k + ": " + conflicts[k].join(" | "), "dg-warn"));
    });
    return frag;
  }
  function citations(list) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", "Sources (" + list.length + ")"));
    if (!list.length) { frag.appendChild(el("p", "No citation.", "dg-hint")); return frag; }
    var ol = el("ol", "", "dg-citations");
    list.forEach(function (c) {
      var li = el("li", "", "dg-citation");
      var head = el("strong", c.title || c.doc);
      li.appendChild(head);
      var where = [c.outlet, c.date].filter(Boolean).join(" \u00b7 ");
      if (where) li.appendChild(el("span", where, "dg-meta"));
      if (c.snippet) li.appendChild(el("span", "\u201c" + c.snippet + "\u201d", "dg-snippet"));
      if (c.note) li.appendChild(el("span", c.note, "dg-note"));
      li.appendChild(el("span", c.doc + " \u00b7 " + c.method + " \u00b7 " + c.confidence, "dg-meta"));
      if (/^https?:\/\//i.test(c.url)) {  // a link the reader may follow; never loaded
        var a = el("a", c.url, "dg-meta"); a.href = c.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      }
      ol.appendChild(li);
    });
    frag.appendChild(ol);
    return frag;
  }
  function showNode(id) {
    var n = byId[id]; if (!n) return;
    clearPanel();
    panel.setAttribute("data-kind", "node"); panel.setAttribute("data-id", id);
    panel.appendChild(el("h2", n.dg.name));
    panel.appendChild(el("div", n.dg.label + (n.dg.kind ? " \u00b7 " + n.dg.kind : ""), "dg-kind"));
    var c = n.dg.community;
    if (c) {
      var line = el("div", "", "dg-community"), sw = el("span", "", "dg-swatch dot");
      sw.style.background = c.color;
      line.append(sw, el("span", "Community " + c.index + ": " + c.name + " (" + c.size + " members)"));
      panel.appendChild(line);
    }
    var others = (n.dg.aliases || []).filter(function (a) { return a !== n.dg.name; });
    if (others.length) { panel.appendChild(el("h3", "Also known as")); panel.appendChild(el("p", others.join(", "))); }
    panel.appendChild(propsList(n.dg.properties, n.dg.conflicts));
    panel.appendChild(citations(n.dg.citations));
    var ties = adjacency[id] || [];
    if (ties.length) {
      panel.appendChild(el("h3", "Ties (" + ties.length + ")"));
      var ul = el("ul", "", "dg-ties");
      ties.slice(0, 200).forEach(function (e) {
        var li = el("li"), b = el("button", e.dg.source + " " + e.dg.relation + " " + e.dg.target, "dg-link");
        b.type = "button";
        b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(b); ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panelHooks("node", n);
  }
  function showEdge(id) {
    var e = edges.get(id); if (!e) return;
    clearPanel();
    panel.setAttribute("data-kind", "edge"); panel.setAttribute("data-id", id);
    panel.appendChild(el("h2", e.dg.source + " " + (e.dg.symmetric ? "\u2194" : "\u2192") + " " + e.dg.target));
    panel.appendChild(el("div", e.dg.relation + " (" + e.dg.type + ")", "dg-kind"));
    panel.appendChild(propsList(e.dg.properties, e.dg.conflicts));
    panel.appendChild(citations(e.dg.citations));
    panelHooks("edge", e);
  }
  api.showNode = showNode; api.showEdge = showEdge; api.refresh = refresh;
  network.on("click", function (params) {
    if (params.nodes.length) { state.selected = params.nodes[0]; document.getElementById("dg-focus").disabled = false; showNode(params.nodes[0]); }
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  refresh();
})();
