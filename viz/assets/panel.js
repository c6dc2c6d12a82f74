/* diplograph page, side panel: a node's or a tie's details and every citation, with
   Expand (show its neighbours) and Dismiss (take it off the map). Text from data is
   only ever set as textContent. */
(function () {
  "use strict";
  var dg = window.diplograph, el = dg.el, network = dg.network, state = dg.state;
  var panel = document.getElementById("dg-panel"), body = document.getElementById("dg-panel-body");

  function open() {
    panel.hidden = false;
    while (body.firstChild) body.removeChild(body.firstChild);
  }
  function close() {
    panel.hidden = true;
    panel.removeAttribute("data-kind"); panel.removeAttribute("data-id");
  }
  document.getElementById("dg-panel-close").addEventListener("click", close);
  dg.closePanel = close;

  function propsList(props, conflicts) {
    var frag = document.createDocumentFragment();
    if (props && props.length) {
      var ul = el("ul");
      props.forEach(function (p) { ul.appendChild(el("li", p[0] + ": " + p[1])); });
      frag.appendChild(ul);
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
      var d = dg.documents[c.doc] || {}, li = el("li", "", "dg-citation");
      li.appendChild(el("strong", d.title || c.doc));
      var where = [d.outlet, d.date].filter(Boolean).join(" \u00b7 ");
      if (where) li.appendChild(el("span", where, "dg-meta"));
      if (c.snippet) li.appendChild(el("span", "\u201c" + c.snippet + "\u201d", "dg-snippet"));
      if (c.note) li.appendChild(el("span", c.note, "dg-note"));
      li.appendChild(el("span", c.doc + " \u00b7 " + c.method + " \u00b7 " + c.confidence, "dg-meta"));
      if (/^https?:\/\//i.test(d.url || "")) {  // a link the reader may follow; never loaded
        var a = el("a", d.url, "dg-meta"); a.href = d.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      }
      ol.appendChild(li);
    });
    frag.appendChild(ol);
    return frag;
  }
  function swatchLine(color, text, cls) {
    var line = el("div", "", cls), sw = el("span", "", "dg-swatch dot");
    sw.style.background = color;
    line.append(sw, el("span", text));
    return line;
  }
  function action(label, cls, f) {
    var b = el("button", label, cls); b.type = "button"; b.addEventListener("click", f);
    return b;
  }

  // Keep what the panel is about in view: the panel covers the right of the map.
  function keepVisible(id) {
    if (panel.hidden || !dg.shown.nodes.has(id)) return;
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    var free = network.body.container.clientWidth - panel.offsetWidth - 40;
    if (p.x > free) {
      var view = network.getViewPosition(), scale = network.getScale();
      network.moveTo({ position: { x: view.x + (p.x - free * 0.6) / scale, y: view.y }, animation: false });
    }
  }

  function showNode(id) {
    var n = dg.byId[id]; if (!n) return;
    open();
    panel.setAttribute("data-kind", "node"); panel.setAttribute("data-id", id);
    body.appendChild(el("h2", n.dg.name));
    body.appendChild(el("div", n.dg.label + (n.dg.kind ? " \u00b7 " + n.dg.kind : ""), "dg-kind"));
    if (n.dg.community) {
      var c = n.dg.community;
      body.appendChild(swatchLine(c.color, "Community " + c.index + ": " + c.name + " (" + c.size + " members)", "dg-community"));
    }
    if (n.dg.change) body.appendChild(swatchLine(n.color, "Since the earlier graph: " + n.dg.change, "dg-change"));
    var acts = el("div", "", "dg-actions");
    acts.append(action("Expand neighbours", "dg-expand", function () { dg.expand(id); }),
                action("Dismiss", "dg-dismiss", function () { dg.dismiss(id); }));
    body.appendChild(acts);
    var others = n.dg.aliases.filter(function (a) { return a !== n.dg.name; });
    if (others.length) { body.appendChild(el("h3", "Also known as")); body.appendChild(el("p", others.join(", "))); }
    body.appendChild(propsList(n.dg.properties, n.dg.conflicts));
    body.appendChild(citations(n.dg.citations));
    var ties = dg.adjacency[id] || [];
    if (ties.length) {
      body.appendChild(el("h3", "Ties (" + ties.length + ")"));
      var ul = el("ul", "", "dg-ties");
      ties.slice(0, 200).forEach(function (e) {
        var li = el("li");
        li.appendChild(action(e.dg.source + " " + e.dg.relation + " " + e.dg.target, "dg-link",
                              function () { network.selectEdges([e.id]); showEdge(e.id); }));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    dg.hooks.panel.forEach(function (f) { f("node", n, body); });
    keepVisible(id);
  }
  function showEdge(id) {
    var e = dg.edgeById[id]; if (!e) return;
    open();
    panel.setAttribute("data-kind", "edge"); panel.setAttribute("data-id", id);
    body.appendChild(el("h2", e.dg.source + " " + (e.dg.symmetric ? "\u2194" : "\u2192") + " " + e.dg.target));
    body.appendChild(el("div", e.dg.relation + " (" + e.dg.type + ")", "dg-kind"));
    if (e.dg.change) body.appendChild(swatchLine(e.color.color, "Since the earlier graph: " + e.dg.change, "dg-change"));
    body.appendChild(propsList(e.dg.properties, e.dg.conflicts));
    body.appendChild(citations(e.dg.citations));
    dg.hooks.panel.forEach(function (f) { f("edge", e, body); });
  }
  dg.showNode = showNode; dg.showEdge = showEdge;

  // Expand: the node's neighbours join the map (whatever hides them); Dismiss: it leaves.
  dg.expand = function (id) {
    state.dismissed.delete(id); state.expanded.add(id);
    var ids = [id];
    (dg.adjacency[id] || []).forEach(function (e) {
      if (state.hiddenTypes.has(e.dg.type)) return;
      var other = e.from === id ? e.to : e.from;
      state.dismissed.delete(other); state.expanded.add(other); ids.push(other);
      if (state.focus) state.focus.add(other);
    });
    dg.refresh();
    dg.arrange(ids);
  };
  dg.dismiss = function (id) {
    state.dismissed.add(id); state.expanded.delete(id);
    if (state.selected === id) state.selected = null;
    close();
    dg.refresh();
  };

  network.on("click", function (params) {
    if (params.nodes.length) { dg.select(params.nodes[0], false); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  network.on("doubleClick", function (params) { if (params.nodes.length) dg.expand(params.nodes[0]); });
})();
