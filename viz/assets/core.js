/* diplograph page, core: the data, what is visible, the network, text size and overlap.
   Every text that comes from data is put in the page as a DOM text node (textContent /
   createTextNode), never parsed as HTML. The other scripts use window.diplograph. */
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
  var documents = meta.documents || {};

  // Tooltips: plain text in a div (vis-network shows an Element as it is).
  function citeLine(c) {
    var d = documents[c.doc] || {};
    var where = [d.outlet, d.date].filter(Boolean).join(" \u00b7 ");
    var text = c.snippet || c.note || "";
    return "\u2022 " + (d.title || c.doc) + (where ? " (" + where + ")" : "") + (text ? ": " + text : "");
  }
  function citeLines(list) {
    var lines = ["Sources (" + list.length + "):"].concat(list.slice(0, 4).map(citeLine));
    if (list.length > 4) lines.push("\u2026 and " + (list.length - 4) + " more (click for all)");
    return list.length ? lines : [];
  }
  function nodeTip(n) {
    var d = n.dg, lines = [d.name, d.label + (d.kind ? " \u00b7 " + d.kind : "")];
    var others = d.aliases.filter(function (a) { return a !== d.name; });
    if (others.length) lines.push("Also: " + others.join(", "));
    return el("div", lines.concat(citeLines(d.citations)).join("\n"), "dg-tip");
  }
  function edgeTip(e) {
    var d = e.dg, lines = [d.source + "  " + d.relation + "  " + d.target];
    d.properties.forEach(function (p) { lines.push(p[0] + ": " + p[1]); });
    Object.keys(d.conflicts).forEach(function (k) {
      lines.push("sources disagree on " + k + ": " + d.conflicts[k].join(" | "));
    });
    return el("div", lines.concat(citeLines(d.citations)).join("\n"), "dg-tip");
  }

  var byId = Object.create(null), edgeById = Object.create(null), keys = [];
  var adjacency = Object.create(null);
  rawNodes.forEach(function (n) {
    byId[n.id] = n;
    n.dg.font0 = n.font.size; n.dg.size0 = n.size;
    keys.push({ id: n.id, name: n.dg.name, forms: [n.dg.name].concat(n.dg.aliases).map(fold) });
    n.title = nodeTip(n);
    adjacency[n.id] = [];
  });
  rawEdges.forEach(function (e) {
    edgeById[e.id] = e;
    e.dg.width0 = e.width;
    e.title = edgeTip(e);
    adjacency[e.from].push(e);
    if (e.to !== e.from) adjacency[e.to].push(e);
  });

  var controls = meta.controls || {};
  var state = { hiddenLabels: new Set(), hiddenTypes: new Set(), hiddenCommunities: new Set(),
    hiddenChanges: new Set(), hiddenProvenance: new Set(), focus: null, selected: null,
    dismissed: new Set(), expanded: new Set(), minDegree: controls.min_degree || 0,
    hideIsolated: false, step: null, story: null, textScale: 1 };
  var shown = { nodes: new Set(), edges: new Set() };

  // What is visible. A tie passes its own filters (type, provenance (review.js's legend),
  // date step, story step, change); a node passes its own (dismissed, story, focus,
  // label, community, change), then needs enough passing ties to visible-candidate
  // neighbours, unless it was expanded.
  function tiePasses(e) {
    if (state.hiddenTypes.has(e.dg.type) || state.hiddenProvenance.has(e.dg.provenance)) return false;
    if (state.step !== null && !(e.dg.held && e.dg.held[0] <= state.step && state.step <= e.dg.held[1])) return false;
    if (state.story && !state.story.edges.has(e.id)) return false;
    return !(e.dg.change && state.hiddenChanges.has(e.dg.change));
  }
  function nodePasses(n) {
    if (state.dismissed.has(n.id)) return false;
    if (state.expanded.has(n.id)) return true;
    if (state.story && !state.story.nodes.has(n.id)) return false;
    if (state.focus && !state.focus.has(n.id)) return false;
    if (state.hiddenLabels.has(n.dg.label)) return false;
    if (n.dg.community && state.hiddenCommunities.has(n.dg.community.index)) return false;
    return !(n.dg.change && state.hiddenChanges.has(n.dg.change));
  }
  function leastTies() {
    var least = Math.max(state.minDegree || 0, state.hideIsolated ? 1 : 0);
    if (state.step !== null && !state.story) least = Math.max(least, 1);  // as `viz --as-of`
    return least;
  }
  function computeVisible() {
    var candidates = new Set(), degree = Object.create(null), least = leastTies();
    rawNodes.forEach(function (n) { if (nodePasses(n)) candidates.add(n.id); });
    var ties = rawEdges.filter(function (e) {
      return tiePasses(e) && candidates.has(e.from) && candidates.has(e.to);
    });
    ties.forEach(function (e) {
      degree[e.from] = (degree[e.from] || 0) + 1;
      if (e.to !== e.from) degree[e.to] = (degree[e.to] || 0) + 1;
    });
    shown.nodes = new Set();
    candidates.forEach(function (id) {
      if ((degree[id] || 0) >= least || state.expanded.has(id)) shown.nodes.add(id);
    });
    shown.edges = new Set();
    ties.forEach(function (e) { if (shown.nodes.has(e.from) && shown.nodes.has(e.to)) shown.edges.add(e.id); });
  }

  var nodes = new vis.DataSet(rawNodes), edges = new vis.DataSet(rawEdges);
  computeVisible();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown.nodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shown.edges.has(e.id); } });
  // A story takes the legend's place (its toggle brings it back): laid out before the
  // network measures its area.
  if (meta.story) {
    document.getElementById("dg-story").hidden = false;
    document.getElementById("dg-legend").hidden = true;
    document.getElementById("dg-legend-toggle").setAttribute("aria-expanded", "false");
  }
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;

  var api = window.diplograph = { network: network, nodes: nodes, edges: edges, byId: byId,
    edgeById: edgeById, adjacency: adjacency, nodeView: nodeView, edgeView: edgeView, meta: meta,
    state: state, shown: shown, keys: keys, el: el, fold: fold, documents: documents,
    hooks: { panel: [], refresh: [], reset: [] }, firstDrawAt: null, settled: false };

  var countBox = document.getElementById("dg-count");
  function refresh() {
    computeVisible();
    nodeView.refresh(); edgeView.refresh();
    countBox.textContent = shown.nodes.size + " of " + rawNodes.length + " nodes \u00b7 " +
      shown.edges.size + " of " + rawEdges.length + " ties";
    api.hooks.refresh.forEach(function (f) { f(); });
  }
  api.refresh = refresh;
  api.visibleNodeIds = function () { return Array.from(shown.nodes).sort(); };
  api.visibleEdgeIds = function () { return Array.from(shown.edges).sort(); };

  function fit(ids) {
    var list = (ids || Array.from(shown.nodes)).filter(function (id) { return shown.nodes.has(id); });
    if (!list.length) return;
    network.fit({ nodes: list, animation: false, maxZoomLevel: 2.5 });
  }
  api.fit = fit;

  // The box a node is drawn in, its label included, in canvas units. vis-network's own
  // bounding box serves for shapes that hold their label; for those drawn above it,
  // it stops short of a label's last line, so the box is made here: the shape, then
  // the label 4 units below it, a font size per line plus a descent.
  var LABEL_UNDER = { dot: 1, star: 1, diamond: 1, hexagon: 1, triangle: 1, triangleDown: 1, square: 1 };
  function nodeBox(id) {
    var node = network.body.nodes[id];
    if (!node) return null;
    if (!LABEL_UNDER[node.options.shape]) return network.getBoundingBox(id);
    var label = node.labelModule, font = label.fontOptions.size, lines = label.lineCount || 1;
    var half = Math.max(node.shape.width, label.size.width) / 2, bottom = node.y + node.shape.height / 2;
    return { left: node.x - half, right: node.x + half, top: node.y - node.shape.height / 2,
             bottom: bottom + 4 + (lines + 0.3) * font };
  }
  api.nodeBox = nodeBox;

  // Overlap removal among the visible nodes, on the boxes really drawn (label included):
  // the page's answer to a text size the Python layout did not know. The rule of
  // viz/layout.py's remove_overlaps: overlapping pairs move apart along the axis where
  // they overlap least, a little past touching, and every 20 rounds the drawing spreads
  // by 3%.
  var SEPARATE_UP_TO = 600;
  function separate() {
    var ids = Array.from(shown.nodes).sort();
    if (ids.length < 2 || ids.length > SEPARATE_UP_TO || network.physics.options.enabled) return 0;
    var n = ids.length, pos = network.getPositions(ids), gap = 4;
    var cx = new Float64Array(n), cy = new Float64Array(n), hw = new Float64Array(n), hh = new Float64Array(n);
    var ox = new Float64Array(n), oy = new Float64Array(n), unknown = false;
    ids.forEach(function (id, i) {
      var b = nodeBox(id);
      if (!b || !isFinite(b.left + b.right + b.top + b.bottom)) { unknown = true; return; }
      cx[i] = (b.left + b.right) / 2; cy[i] = (b.top + b.bottom) / 2;
      hw[i] = (b.right - b.left + gap) / 2; hh[i] = (b.bottom - b.top + gap) / 2;
      ox[i] = cx[i]; oy[i] = cy[i];
    });
    if (unknown) return 0;        // a node not drawn yet: call again after a drawing
    // Moves across count less (labels are wide; screens are too), as in layout.py.
    var across = 0.5 * container.clientHeight / Math.max(container.clientWidth, 1);
    var rounds = 0;
    for (; rounds < 3000; rounds++) {
      var mx = new Float64Array(n), my = new Float64Array(n), cnt = new Float64Array(n), hit = false;
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = cx[i] - cx[j], needX = hw[i] + hw[j] - Math.abs(dx);
          if (needX <= 1e-6) continue;
          var dy = cy[i] - cy[j], needY = hh[i] + hh[j] - Math.abs(dy);
          if (needY <= 1e-6) continue;
          hit = true; cnt[i]++; cnt[j]++;
          if (needX * across <= needY) { var px = needX * 0.55 * (dx > 0 || (dx === 0 && i > j) ? 1 : -1); mx[i] += px; mx[j] -= px; }
          else { var py = needY * 0.55 * (dy > 0 || (dy === 0 && i > j) ? 1 : -1); my[i] += py; my[j] -= py; }
        }
      }
      if (!hit) break;
      for (var k = 0; k < n; k++) {
        var c = Math.sqrt(Math.max(cnt[k], 1));
        cx[k] += mx[k] / c; cy[k] += my[k] / c;
      }
      if (rounds % 20 === 19) {
        var sx = 0, sy = 0;
        for (k = 0; k < n; k++) { sx += cx[k]; sy += cy[k]; }
        sx /= n; sy /= n;
        for (k = 0; k < n; k++) { cx[k] = sx + (cx[k] - sx) * 1.03; cy[k] = sy + (cy[k] - sy) * 1.03; }
      }
    }
    if (rounds === 0) return 0;
    var moved = ids.map(function (id, i) {
      return { id: id, x: pos[id].x + cx[i] - ox[i], y: pos[id].y + cy[i] - oy[i] };
    });
    nodes.update(moved);
    return rounds;
  }
  api.separate = separate;

  // Text size: every label scaled from its own base size (and shapes by its square root,
  // so they stay visible); then overlaps are removed on the new boxes and the map
  // re-fitted. `then` runs once that is drawn.
  var textBox = document.getElementById("dg-text-size");
  function setText(scale, then, keepView) {
    state.textScale = scale;
    textBox.textContent = Math.round(scale * 100) + "%";
    nodes.update(rawNodes.map(function (n) {
      return { id: n.id, size: Math.round(n.dg.size0 * Math.sqrt(scale) * 10) / 10,
               font: Object.assign({}, n.font, { size: Math.round(n.dg.font0 * scale * 10) / 10 }) };
    }));
    afterDraw(function () {
      if (separate()) { afterDraw(function () { if (!keepView) fit(); if (then) then(); }); }
      else { if (!keepView) fit(); if (then) then(); }
    });
  }
  api.setText = setText;
  function afterDraw(f) { network.once("afterDrawing", f); network.redraw(); }
  api.afterDraw = afterDraw;
  // After the visible nodes changed: once they are drawn (their boxes known), remove
  // overlaps, then fit the view to `ids` (default: all visible).
  api.arrange = function (ids) {
    afterDraw(function () {
      if (separate()) afterDraw(function () { fit(ids); }); else fit(ids);
    });
  };

  // At load: fit, then make the labels readable on this screen: when the smallest label
  // would show under READABLE pixels, grow the text (which spreads the layout where
  // labels collide) a few times towards it.
  var READABLE = 13, MOST = 2.5, smallest = Infinity;
  rawNodes.forEach(function (n) { smallest = Math.min(smallest, n.dg.font0); });
  function settle(round) {
    fit();
    var onScreen = smallest * state.textScale * network.getScale();
    if (round < 3 && onScreen < READABLE - 0.5 && state.textScale < MOST && shown.nodes.size <= SEPARATE_UP_TO) {
      var next = Math.min(MOST, state.textScale * READABLE / onScreen);
      setText(Math.round(next * 100) / 100, function () { settle(round + 1); });
      return;
    }
    if (separate()) { afterDraw(function () { fit(); done(); }); } else { done(); }
  }
  function done() {
    api.settled = true;
    document.body.setAttribute("data-ready", "1");
  }
  network.once("afterDrawing", function () { api.firstDrawAt = performance.now(); });
  // Settle once every script has run (the browser may draw between two of them, before a
  // story has chosen its first step or the time bar has taken its place): the map's area
  // measured again, a drawing to measure the labels, then fit and labels sized.
  function start() {
    network.setSize("100%", "100%");
    afterDraw(function () { settle(0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  refresh();
})();
