// kg view: draws the graph held in #kg-data with vis-network; search box and type filter.
// Every piece of graph text reaches the DOM through textContent, never parsed as markup.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var SHAPES = {
    dot: ["circle", { cx: 7, cy: 7, r: 6 }],
    square: ["rect", { x: 1, y: 1, width: 12, height: 12 }],
    diamond: ["polygon", { points: "7,0 14,7 7,14 0,7" }],
    triangle: ["polygon", { points: "7,1 13,13 1,13" }],
    star: ["polygon", { points: "7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5" }]
  };

  function tipElement(rows) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var key = document.createElement("b");
      key.textContent = row[0];
      line.appendChild(key);
      line.appendChild(document.createTextNode(" " + row[1]));
      box.appendChild(line);
    });
    return box;
  }

  function safeUrl(text) {
    return /^https?:\/\/[^\s]+$/i.test(text) ? text : null;
  }

  function showDetails(rows) {
    var aside = document.getElementById("kg-details");
    aside.textContent = "";
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      var url = safeUrl(row[1]);
      if (url) {
        var a = document.createElement("a");
        a.href = url;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        a.textContent = url;
        dd.appendChild(a);
      } else {
        dd.textContent = row[1];
      }
      list.appendChild(dt);
      list.appendChild(dd);
    });
    aside.appendChild(list);
  }

  // Tooltip elements are built on first hover, not up front: a 5,000-node view has tens of
  // thousands of edges, and building their DOM trees would delay the first drawing.
  payload.edges.forEach(function (e, i) { e.id = "e" + i; });
  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var container = document.getElementById("kg-network");
  var physics = payload.options.physics && payload.options.physics.enabled;
  var view = { nodes: nodes, edges: edges, ready: false, readyAt: null, network: null };
  window.kgView = view;

  var enabled = {};
  var legend = document.getElementById("kg-legend");
  payload.legend.forEach(function (entry) {
    enabled[entry.type] = true;
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = entry.type;
    box.id = "kg-type-" + entry.type;
    box.addEventListener("change", function () { enabled[entry.type] = box.checked; apply(); });
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 14 14");
    var spec = SHAPES[entry.shape] || SHAPES.dot;
    var shape = document.createElementNS(SVG, spec[0]);
    Object.keys(spec[1]).forEach(function (k) { shape.setAttribute(k, spec[1][k]); });
    shape.setAttribute("fill", entry.color);
    svg.appendChild(shape);
    label.appendChild(box);
    label.appendChild(svg);
    label.appendChild(document.createTextNode(entry.type));
    legend.appendChild(label);
  });

  var search = document.getElementById("kg-search");
  function apply() {
    var q = search.value.trim().toLowerCase();
    var updates = [];
    var shown = 0;
    nodes.forEach(function (n) {
      var visible = enabled[n.kgType] !== false && (q === "" || n.search.indexOf(q) !== -1);
      if (visible) { shown += 1; }
      if (Boolean(n.hidden) === visible) { updates.push({ id: n.id, hidden: !visible }); }
    });
    if (updates.length) { nodes.update(updates); }
    document.getElementById("kg-status").textContent =
      shown + " of " + nodes.length + " nodes shown";
  }
  search.addEventListener("input", apply);
  view.apply = apply;

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);
  view.network = network;
  function ensureTip(set, id) {
    var item = set.get(id);
    if (item && !item.title) { set.update({ id: id, title: tipElement(item.tip) }); }
  }
  network.on("hoverNode", function (params) { ensureTip(nodes, params.node); });
  network.on("hoverEdge", function (params) { ensureTip(edges, params.edge); });
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(nodes.get(params.nodes[0]).tip); }
    else if (params.edges.length) { showDetails(edges.get(params.edges[0]).tip); }
  });
  function markReady() {
    network.once("afterDrawing", function () {
      view.ready = true;
      view.readyAt = performance.now();
      document.body.setAttribute("data-ready", "true");
    });
    network.redraw();
  }
  if (physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  } else {
    markReady();
  }
  apply();
})();
