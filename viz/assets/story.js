/* diplograph page, story: the steps of a story file, one at a time, with next/previous.
   A caption arrives as a small tree (viz/markdown.py) and is built here from a fixed set
   of elements, its text as text nodes; a link keeps only an http(s) address. */
(function () {
  "use strict";
  var dg = window.diplograph, el = dg.el, state = dg.state, story = dg.meta.story;
  if (!story || !story.steps || !story.steps.length) return;
  var $ = function (id) { return document.getElementById(id); };
  var BLOCKS = { p: "p", ul: "ul", h: "h3" }, INLINE = { b: "strong", i: "em" };

  function inline(parent, items) {
    items.forEach(function (it) {
      var kind = it[0];
      if (kind === "t") parent.appendChild(document.createTextNode(it[1]));
      else if (kind === "code") parent.appendChild(el("code", it[1]));
      else if (kind === "br") parent.appendChild(el("br"));
      else if (INLINE[kind]) { var e = el(INLINE[kind]); inline(e, it[1]); parent.appendChild(e); }
      else if (kind === "a") {
        var a = el("a");
        if (/^https?:\/\//i.test(it[1])) { a.href = it[1]; a.target = "_blank"; a.rel = "noopener noreferrer"; }
        inline(a, it[2]); parent.appendChild(a);
      }
    });
  }
  function caption(blocks) {
    var frag = document.createDocumentFragment();
    blocks.forEach(function (b) {
      var tag = BLOCKS[b[0]]; if (!tag) return;
      var e = el(tag);
      if (tag === "ul") b[1].forEach(function (item) { var li = el("li"); inline(li, item); e.appendChild(li); });
      else inline(e, b[1]);
      frag.appendChild(e);
    });
    return frag;
  }
  dg.renderCaption = caption;

  var card = $("dg-story"), current = -1, lit = { nodes: [], edges: [] };
  var GLOW = { enabled: true, color: "rgba(255,170,0,0.95)", size: 22, x: 0, y: 0 };
  function light(step) {
    dg.nodes.update(lit.nodes.map(function (id) { return { id: id, shadow: { enabled: false } }; }));
    dg.edges.update(lit.edges.map(function (id) { return { id: id, width: dg.edgeById[id].dg.width0, shadow: { enabled: false } }; }));
    lit = { nodes: step.highlight || [], edges: step.highlight_edges || [] };
    dg.nodes.update(lit.nodes.map(function (id) { return { id: id, shadow: GLOW }; }));
    dg.edges.update(lit.edges.map(function (id) {
      return { id: id, width: dg.edgeById[id].dg.width0 * 2.5, shadow: GLOW };
    }));
  }
  function goTo(i, atLoad) {
    i = Math.max(0, Math.min(story.steps.length - 1, i));
    var step = story.steps[i];
    current = i;
    state.story = { nodes: new Set(step.nodes), edges: new Set(step.edges) };
    state.focus = null; state.step = null; state.expanded.clear(); state.dismissed.clear();
    if (dg.setStepControl) dg.setStepControl(null);
    if (step.as_of) $("dg-date").textContent = "As of " + step.as_of + " (this step)";
    $("dg-story-count").textContent = "Step " + (i + 1) + " of " + story.steps.length;
    $("dg-step-title").textContent = step.title;
    var box = $("dg-step-caption");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(caption(step.caption));
    $("dg-prev").disabled = i === 0;
    $("dg-next").disabled = i === story.steps.length - 1;
    card.setAttribute("data-step", String(i));
    light(step);
    dg.closePanel();
    dg.refresh();
    if (atLoad) return;           // the page's first drawing fits and separates
    dg.arrange();
  }
  dg.goToStep = goTo;
  dg.storyStep = function () { return current; };
  $("dg-story-title").textContent = story.title;
  $("dg-prev").addEventListener("click", function () { goTo(current - 1); });
  $("dg-next").addEventListener("click", function () { goTo(current + 1); });
  document.addEventListener("keydown", function (ev) {
    if (/^(INPUT|SELECT|TEXTAREA)$/.test((ev.target && ev.target.tagName) || "")) return;
    if (ev.key === "ArrowRight" || ev.key === "PageDown") goTo(current + 1);
    else if (ev.key === "ArrowLeft" || ev.key === "PageUp") goTo(current - 1);
  });
  dg.hooks.reset.push(function () { $("dg-story-count").textContent = "Exploring freely: Next or Previous returns to the story"; });
  goTo(0, true);
})();
