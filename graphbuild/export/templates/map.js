/* graphbuild map: draws the graph on one canvas, with focus, timeline, dyads and sharing.
   Every piece of text from the data reaches the page through textContent, never
   innerHTML; the data block is JSON, parsed, never run. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graphbuild-data").textContent);
  var A = data.actors;
  var R = data.relations;
  var N = A.length;
  var M = R.length;
  var FADED = 0.1;
  var LABEL_FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function words(text) { return String(text).replace(/_/g, " "); }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function dateSpan(first, last) {
    if (!first && !last) return "undated";
    if (!last || first === last) return String(first);
    if (!first) return String(last);
    return first + " \u2013 " + last;
  }
  function newestFirst(x, y) {
    var a = x.date || "", b = y.date || "";
    return a < b ? 1 : a > b ? -1 : 0;
  }

  var quadOrder = data.legend.quads.map(function (q) { return q.quad_class; });
  var quadColor = {};
  data.legend.quads.forEach(function (q) { quadColor[q.quad_class] = q.color; });
  var incident = [];
  for (var i0 = 0; i0 < N; i0++) incident.push([]);
  R.forEach(function (r, j) {
    incident[r.from].push(j);
    if (r.to !== r.from) incident[r.to].push(j);
  });
  var bySize = A.map(function (a, i) { return i; }).sort(function (x, y) {
    return A[y].size - A[x].size || (A[y].mentions || 0) - (A[x].mentions || 0) || x - y;
  });
  var rank = new Int32Array(N);
  bySize.forEach(function (i, k) { rank[i] = k; });

  // ---- state ------------------------------------------------------------------------
  function allOf(list, key) { return new Set(list.map(function (x) { return x[key]; })); }
  var granularity = "month";
  if (data.periods.month.labels.length < 4 && data.periods.week.labels.length > 1) granularity = "week";
  function defaults() {
    return {
      types: allOf(data.legend.types, "type"),
      quads: allOf(data.legend.quads, "quad_class"),
      relations: allOf(R, "relation"),
      minCount: 1, minConfidence: 0, hideOrphans: true, hideStructural: false,
      colorBy: "type", focus: -1, other: -1, hops: 1, hideRest: false,
      gran: granularity, from: 0, to: Math.max(0, data.periods[granularity].labels.length - 1),
      keepUndated: true
    };
  }
  var state = defaults();
  var edgeOn = new Uint8Array(M);
  var nodeOn = new Uint8Array(N);
  var edgeDraw = new Uint8Array(M); // 0 hidden, 1 faded, 2 drawn
  var nodeDraw = new Uint8Array(N);
  var counts = { nodes: 0, edges: 0, shownNodes: 0, shownEdges: 0 };
  var timings = {};

  function periods() { return data.periods[state.gran]; }
  function lastPeriod() { return Math.max(0, periods().labels.length - 1); }
  function fullRange() { return state.from <= 0 && state.to >= lastPeriod(); }

  function inTime(r) {
    if (r.undated && state.keepUndated) return true;
    if (!r.days.length) return false;
    if (fullRange()) return true;
    var of = periods().of_day;
    for (var k = 0; k < r.days.length; k++) {
      var p = of[r.days[k][0]];
      if (p >= state.from && p <= state.to) return true;
    }
    return false;
  }
  function countInRange(r) {
    var of = periods().of_day, n = 0;
    r.days.forEach(function (dn) {
      var p = of[dn[0]];
      if (p >= state.from && p <= state.to) n += dn[1];
    });
    return n;
  }
  function passesNonTime(r) {
    return state.types.has(A[r.from].type) && state.types.has(A[r.to].type) &&
      state.quads.has(r.quad_class) && state.relations.has(r.relation) &&
      r.count >= state.minCount && r.confidence >= state.minConfidence &&
      !(state.hideStructural && r.structural);
  }

  // ---- filters, focus: what is drawn ---------------------------------------------------
  // `view` sets the camera before the one draw; `focusOnly` when only the focus changed
  // (the filters' visibility and the timeline's bars stay as they are).
  function applyFilters(view, focusOnly) {
    var t0 = performance.now();
    if (focusOnly) {
      applyFocus();
      groupEdges();
      updateStatus();
      if (view) view();
      writeHash();
      draw();
      timings.filter = performance.now() - t0;
      return;
    }
    var degree = new Int32Array(N);
    counts.shownEdges = 0;
    for (var j = 0; j < M; j++) {
      var r = R[j];
      var ok = passesNonTime(r) && inTime(r);
      edgeOn[j] = ok ? 1 : 0;
      if (ok) { degree[r.from] += 1; degree[r.to] += 1; counts.shownEdges += 1; }
    }
    counts.shownNodes = 0;
    for (var i = 0; i < N; i++) {
      // An actor whose every relation is filtered out goes too; one that never had a
      // relation stays, so nothing disappears before the reader asks.
      var on = state.types.has(A[i].type) &&
        !(state.hideOrphans && incident[i].length > 0 && degree[i] === 0);
      nodeOn[i] = on ? 1 : 0;
      if (on) counts.shownNodes += 1;
    }
    applyFocus();
    groupEdges();
    updateStatus();
    updateTimelineCounts();
    if (view) view();
    writeHash();
    draw();
    timings.filter = performance.now() - t0;
  }

  function neighbourhood() {
    var hood = new Uint8Array(N);
    if (state.other >= 0) {
      hood[state.focus] = 1;
      hood[state.other] = 1;
      return hood;
    }
    hood[state.focus] = 1;
    var frontier = [state.focus];
    for (var step = 0; step < state.hops; step++) {
      var next = [];
      frontier.forEach(function (i) {
        incident[i].forEach(function (j) {
          if (!edgeOn[j]) return;
          var r = R[j];
          var k = r.from === i ? r.to : r.from;
          if (!hood[k] && nodeOn[k]) { hood[k] = 1; next.push(k); }
        });
      });
      frontier = next;
    }
    return hood;
  }

  function applyFocus() {
    var rest = state.hideRest ? 0 : 1;
    counts.nodes = 0;
    counts.edges = 0;
    if (state.focus < 0) {
      for (var i = 0; i < N; i++) { nodeDraw[i] = nodeOn[i] ? 2 : 0; counts.nodes += nodeOn[i]; }
      for (var j = 0; j < M; j++) { edgeDraw[j] = edgeOn[j] ? 2 : 0; counts.edges += edgeOn[j]; }
      return;
    }
    var hood = neighbourhood();
    var pair = state.other >= 0;
    for (var a = 0; a < N; a++) {
      nodeDraw[a] = !nodeOn[a] ? 0 : hood[a] ? 2 : rest;
      if (nodeDraw[a] === 2) counts.nodes += 1;
    }
    for (var b = 0; b < M; b++) {
      var r = R[b];
      var inside = hood[r.from] && hood[r.to] && (!pair || r.from !== r.to);
      edgeDraw[b] = !edgeOn[b] ? 0 : inside ? 2 : rest;
      if (edgeDraw[b] === 2) counts.edges += 1;
    }
  }

  // Edges are stroked in batches of one colour, dash and width: thousands of lines cost
  // one stroke each batch, not one each.
  var groups = [];
  function groupEdges() {
    var byKey = {};
    groups = [];
    for (var j = 0; j < M; j++) {
      if (!edgeDraw[j]) continue;
      var r = R[j];
      var width = Math.round(r.width * 2) / 2;
      var key = r.color + (r.dashed ? "d" : "s") + width + (edgeDraw[j] === 2 ? "" : "f");
      var g = byKey[key];
      if (!g) {
        g = byKey[key] = { color: r.color, dashed: r.dashed, width: width,
          faded: edgeDraw[j] !== 2, edges: [] };
        groups.push(g);
      }
      g.edges.push(j);
    }
    groups.sort(function (x, y) { return (y.faded - x.faded) || (x.width - y.width); });
  }

  function updateStatus() {
    var text;
    if (counts.shownNodes === counts.nodes && state.focus < 0) {
      text = "Showing " + counts.shownNodes.toLocaleString("en") + " of " +
        N.toLocaleString("en") + " actors, " + counts.shownEdges.toLocaleString("en") + " of " +
        M.toLocaleString("en") + " relations";
    } else {
      var who = state.other >= 0 ? A[state.focus].label + " and " + A[state.other].label
        : A[state.focus].label + " (" + plural(state.hops, "step") + ")";
      text = "Focus on " + who + ": " + plural(counts.nodes, "actor") + ", " +
        plural(counts.edges, "relation") + " \u00b7 click the background or press Escape to go back";
    }
    $("status").textContent = text;
    showEmpty();
  }

  function emptyReasons() {
    var lines = [];
    var meta = data.meta || {};
    if (meta.documents === 0) lines.push("No document was read.");
    if (meta.undated_documents) {
      lines.push(plural(meta.undated_documents, "document") + " had no date" +
        (meta.filters && (meta.filters.since || meta.filters.until)
          ? ", so no date filter could keep them." : "."));
    }
    var f = meta.filters || {};
    Object.keys(f).forEach(function (key) {
      lines.push("The build kept only evidence with " + words(key) + " " + f[key] + ".");
    });
    return lines;
  }
  function showEmpty() {
    var box = $("empty");
    var text = null;
    if (N === 0) {
      text = "Nothing to draw: this graph has no actors.";
      var reasons = emptyReasons();
      text += reasons.length ? "\n" + reasons.join("\n")
        : "\nNo relation between two actors was found in the documents.";
    } else if (counts.shownNodes === 0) {
      text = "Nothing matches the filters: no actor is left.\n\u201cShow everything\u201d brings them back.";
    }
    box.hidden = text === null;
    box.textContent = text || "";
  }

  // ---- camera and drawing ------------------------------------------------------------
  var canvas = $("map");
  var ctx = canvas.getContext("2d");
  var wrap = $("map-wrap");
  var W = 1, H = 1, dpr = 1;
  var cam = { x: 0, y: 0, scale: 1 };
  var saved = null; // the view before a focus, for going back
  var labelBoxes = [];
  var widthCache = new Float32Array(N);

  function resize() {
    dpr = window.devicePixelRatio || 1;
    W = Math.max(1, wrap.clientWidth);
    H = Math.max(1, wrap.clientHeight);
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
  }
  function bounds(filter) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < N; i++) {
      if (!filter(i)) continue;
      var a = A[i];
      x0 = Math.min(x0, a.x - a.size); x1 = Math.max(x1, a.x + a.size);
      y0 = Math.min(y0, a.y - a.size); y1 = Math.max(y1, a.y + a.size);
    }
    return x0 === Infinity ? null : { x0: x0, y0: y0, x1: x1, y1: y1 };
  }
  function fitTo(box, maxScale) {
    if (!box) { cam = { x: 0, y: 0, scale: 1 }; return; }
    var pad = 60;
    var scale = Math.min((W - 2 * pad) / Math.max(box.x1 - box.x0, 1),
      (H - 2 * pad) / Math.max(box.y1 - box.y0, 1));
    cam = { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2,
      scale: Math.max(1e-4, Math.min(scale, maxScale || 2)) };
  }
  function fit() {
    fitTo(bounds(function (i) { return nodeDraw[i] === 2; }) || bounds(function () { return true; }));
    draw();
  }
  function sx(x) { return (x - cam.x) * cam.scale + W / 2; }
  function sy(y) { return (y - cam.y) * cam.scale + H / 2; }
  function worldX(px) { return (px - W / 2) / cam.scale + cam.x; }
  function worldY(py) { return (py - H / 2) / cam.scale + cam.y; }
  function radius(i) { return Math.max(A[i].size, 1.5 / cam.scale); }
  function nodeColor(i) { return state.colorBy === "community" ? A[i].community_color : A[i].color; }

  function control(r) {
    // The curve of the n-th relation between two actors: its control point, off the
    // straight line by 20% of its length per step, always on the same side.
    var a = A[r.from], b = A[r.to];
    var flip = r.from < r.to ? 1 : -1;
    var k = 0.2 * r.curve * flip;
    return { x: (a.x + b.x) / 2 - (b.y - a.y) * k, y: (a.y + b.y) / 2 + (b.x - a.x) * k };
  }
  function edgePath(j) {
    var r = R[j], a = A[r.from], b = A[r.to];
    ctx.moveTo(a.x, a.y);
    if (r.from === r.to) {
      var s = a.size * 1.2;
      ctx.bezierCurveTo(a.x + 3 * s, a.y - 3 * s, a.x + 3 * s, a.y + 3 * s, a.x, a.y);
    } else if (r.curve) {
      var c = control(r);
      ctx.quadraticCurveTo(c.x, c.y, b.x, b.y);
    } else {
      ctx.lineTo(b.x, b.y);
    }
  }
  function arrowHead(j, size) {
    var r = R[j];
    if (r.symmetric || r.from === r.to) return;
    var a = A[r.from], b = A[r.to];
    var from = r.curve ? control(r) : a;
    var dx = b.x - from.x, dy = b.y - from.y;
    var len = Math.sqrt(dx * dx + dy * dy);
    if (len * cam.scale < 3 * size) return;
    dx /= len; dy /= len;
    var back = radius(r.to) + 1 / cam.scale;
    var tx = b.x - dx * back, ty = b.y - dy * back;
    var s = size / cam.scale;
    ctx.moveTo(tx, ty);
    ctx.lineTo(tx - dx * s - dy * s * 0.5, ty - dy * s + dx * s * 0.5);
    ctx.lineTo(tx - dx * s + dy * s * 0.5, ty - dy * s - dx * s * 0.5);
    ctx.closePath();
  }
  function nodePath(i, r) {
    var a = A[i];
    if (a.shape === "square") {
      ctx.rect(a.x - r, a.y - r, 2 * r, 2 * r);
    } else if (a.shape === "diamond") {
      ctx.moveTo(a.x, a.y - r * 1.3); ctx.lineTo(a.x + r * 1.3, a.y);
      ctx.lineTo(a.x, a.y + r * 1.3); ctx.lineTo(a.x - r * 1.3, a.y); ctx.closePath();
    } else if (a.shape === "triangle") {
      ctx.moveTo(a.x, a.y - r * 1.3); ctx.lineTo(a.x + r * 1.15, a.y + r * 0.7);
      ctx.lineTo(a.x - r * 1.15, a.y + r * 0.7); ctx.closePath();
    } else {
      ctx.moveTo(a.x + r, a.y);
      ctx.arc(a.x, a.y, r, 0, 2 * Math.PI);
    }
  }

  function drawEdges() {
    var arrows = counts.edges < 4000 || cam.scale > 0.5;
    groups.forEach(function (g) {
      ctx.globalAlpha = g.faded ? FADED * 0.6 : 0.85;
      ctx.strokeStyle = g.color;
      ctx.lineWidth = Math.max(0.6, g.width * Math.min(1, Math.sqrt(cam.scale))) / cam.scale;
      ctx.setLineDash(g.dashed ? [5 / cam.scale, 4 / cam.scale] : []);
      ctx.beginPath();
      g.edges.forEach(edgePath);
      ctx.stroke();
      if (arrows && !g.faded) {
        ctx.fillStyle = g.color;
        ctx.beginPath();
        var size = 5 + g.width;
        g.edges.forEach(function (j) { arrowHead(j, size); });
        ctx.fill();
      }
    });
    ctx.setLineDash([]);
  }

  function drawNodes() {
    var batches = {};
    var order = [];
    var outlined = [];
    for (var i = 0; i < N; i++) {
      if (!nodeDraw[i]) continue;
      var key = nodeColor(i) + (nodeDraw[i] === 2 ? "" : "f");
      if (!batches[key]) { batches[key] = { color: nodeColor(i), faded: nodeDraw[i] !== 2, nodes: [] }; order.push(key); }
      batches[key].nodes.push(i);
      if (nodeDraw[i] === 2 && radius(i) * cam.scale >= 3) outlined.push(i);
    }
    order.sort(function (x, y) { return batches[y].faded - batches[x].faded; });
    var tiny = 2.5 / cam.scale;
    order.forEach(function (key) {
      var b = batches[key];
      ctx.globalAlpha = b.faded ? FADED : 1;
      ctx.fillStyle = b.color;
      ctx.beginPath();
      b.nodes.forEach(function (i) {
        var r = radius(i);
        // A node a few pixels wide looks the same as a square and costs far less.
        if (r < tiny) ctx.rect(A[i].x - r, A[i].y - r, 2 * r, 2 * r);
        else nodePath(i, r);
      });
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1 / cam.scale;
    ctx.strokeStyle = "#2b2b2b";
    ctx.beginPath();
    outlined.forEach(function (i) { nodePath(i, radius(i)); });
    ctx.stroke();
    [state.focus, state.other].forEach(function (i) {
      if (i < 0 || !nodeDraw[i]) return;
      ctx.lineWidth = 3 / cam.scale;
      ctx.strokeStyle = "#000";
      ctx.beginPath();
      nodePath(i, radius(i) + 3 / cam.scale);
      ctx.stroke();
    });
  }

  function fontSize(i) { return rank[i] < 10 ? 15 : rank[i] < 50 ? 13 : 12; }
  function labelWidth(i, size) {
    if (!widthCache[i]) {
      ctx.font = "600 12px " + LABEL_FONT;
      widthCache[i] = ctx.measureText(A[i].label).width + 1;
    }
    return widthCache[i] * size / 12;
  }

  // Labels by level of detail: largest actor first (the focused ones before all), each
  // where it overlaps no label already placed; small actors only once zoomed in enough.
  function placeLabels() {
    var cell = 80;
    var grid = {};
    var placed = [];
    var candidates = bySize;
    if (state.focus >= 0) {
      candidates = [state.focus].concat(state.other >= 0 ? [state.other] : [],
        bySize.filter(function (i) { return nodeDraw[i] === 2 && i !== state.focus && i !== state.other; }));
    }
    for (var k = 0; k < candidates.length && placed.length < 600; k++) {
      var i = candidates[k];
      if (nodeDraw[i] !== 2 || !A[i].label) continue;
      var r = radius(i) * cam.scale;
      var mustShow = state.focus >= 0 || rank[i] < 12;
      if (!mustShow && r < 3) continue;
      var x = sx(A[i].x), y = sy(A[i].y);
      if (x < -200 || x > W + 200 || y < -50 || y > H + 50) continue;
      var size = fontSize(i);
      var w = labelWidth(i, size), h = size + 3;
      if (x < 0 || x > W) continue;
      // Below the actor, else above, right or left of it: the first place that is free.
      var spots = [[x - w / 2, y + r + 2], [x - w / 2, y - r - 2 - h], [x + r + 3, y - h / 2], [x - r - 3 - w, y - h / 2]];
      var box = null;
      for (var s = 0; s < spots.length && !box; s++) {
        var bx = Math.max(2, Math.min(W - w - 2, spots[s][0])), by = spots[s][1];
        if (by < 0 || by + h > H) continue;
        var spot = { i: i, x: bx, y: by, w: w, h: h, size: size };
        if (!overlaps(spot, grid, cell)) box = spot;
      }
      if (!box) continue;
      var gx0 = Math.floor(box.x / cell), gx1 = Math.floor((box.x + w) / cell);
      var gy0 = Math.floor(box.y / cell), gy1 = Math.floor((box.y + h) / cell);
      for (var gx = gx0; gx <= gx1; gx++) {
        for (var gy = gy0; gy <= gy1; gy++) (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(box);
      }
      placed.push(box);
    }
    return placed;
  }
  function overlaps(box, grid, cell) {
    var gx0 = Math.floor(box.x / cell), gx1 = Math.floor((box.x + box.w) / cell);
    var gy0 = Math.floor(box.y / cell), gy1 = Math.floor((box.y + box.h) / cell);
    for (var gx = gx0; gx <= gx1; gx++) {
      for (var gy = gy0; gy <= gy1; gy++) {
        var list = grid[gx + ":" + gy];
        if (!list) continue;
        for (var k = 0; k < list.length; k++) {
          var o = list[k];
          if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return true;
        }
      }
    }
    return false;
  }
  function drawLabels() {
    labelBoxes = placeLabels();
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    labelBoxes.forEach(function (b) {
      ctx.font = (rank[b.i] < 50 || b.i === state.focus ? "600 " : "") + b.size + "px " + LABEL_FONT;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(A[b.i].label, b.x, b.y + 1);
      ctx.fillStyle = "#111";
      ctx.fillText(A[b.i].label, b.x, b.y + 1);
    });
  }

  var drawPending = false;
  function draw() {
    var t0 = performance.now();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * cam.scale, 0, 0, dpr * cam.scale,
      dpr * (W / 2 - cam.x * cam.scale), dpr * (H / 2 - cam.y * cam.scale));
    drawEdges();
    var t1 = performance.now();
    drawNodes();
    var t2 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLabels();
    var t3 = performance.now();
    timings.draw = t3 - t0;
    timings.drawParts = [t1 - t0, t2 - t1, t3 - t2];
  }
  function redraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function () { drawPending = false; draw(); });
  }

  // ---- hit testing -------------------------------------------------------------------
  var gridCell = 120;
  var nodeGrid = {};
  A.forEach(function (a, i) {
    var key = Math.floor(a.x / gridCell) + ":" + Math.floor(a.y / gridCell);
    (nodeGrid[key] = nodeGrid[key] || []).push(i);
  });
  function nodeAt(px, py) {
    var x = worldX(px), y = worldY(py);
    var reach = Math.max(60, 8 / cam.scale);
    var best = -1, bestD = Infinity;
    var gx0 = Math.floor((x - reach) / gridCell), gx1 = Math.floor((x + reach) / gridCell);
    var gy0 = Math.floor((y - reach) / gridCell), gy1 = Math.floor((y + reach) / gridCell);
    if ((gx1 - gx0) * (gy1 - gy0) > 4 * N) {
      gx0 = gx1 = gy0 = gy1 = null;
    }
    var test = function (i) {
      if (!nodeDraw[i]) return;
      var dx = A[i].x - x, dy = A[i].y - y;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d <= radius(i) * 1.3 + 3 / cam.scale && d < bestD) { best = i; bestD = d; }
    };
    if (gx0 === null) { for (var i = 0; i < N; i++) test(i); return best; }
    for (var gx = gx0; gx <= gx1; gx++) {
      for (var gy = gy0; gy <= gy1; gy++) (nodeGrid[gx + ":" + gy] || []).forEach(test);
    }
    return best;
  }
  function segmentDistance(x, y, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    var len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len)) : 0;
    var px = a.x + t * dx - x, py = a.y + t * dy - y;
    return Math.sqrt(px * px + py * py);
  }
  function edgePoints(j) {
    var r = R[j], a = A[r.from], b = A[r.to];
    if (!r.curve) return [a, b];
    var c = control(r), points = [];
    for (var k = 0; k <= 10; k++) {
      var t = k / 10, u = 1 - t;
      points.push({ x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y });
    }
    return points;
  }
  function edgeAt(px, py) {
    var x = worldX(px), y = worldY(py);
    var best = -1, bestD = 5 / cam.scale;
    for (var j = 0; j < M; j++) {
      if (edgeDraw[j] !== 2 || R[j].from === R[j].to) continue;
      var points = edgePoints(j);
      for (var k = 1; k < points.length; k++) {
        var d = segmentDistance(x, y, points[k - 1], points[k]);
        if (d < bestD) { best = j; bestD = d; }
      }
    }
    return best;
  }
  function edgeMidpoint(j) {
    var p = edgePoints(j);
    var mid = p.length === 2 ? { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 } : p[5];
    return [sx(mid.x), sy(mid.y)];
  }

  // ---- pointer and keys on the map ---------------------------------------------------
  // Pointer events: a mouse, a pen or a finger pans; two fingers pinch to zoom.
  var drag = null;
  var touches = {};
  function spread() {
    var ids = Object.keys(touches);
    if (ids.length < 2) return null;
    var p = touches[ids[0]], q = touches[ids[1]];
    return { d: Math.hypot(p.x - q.x, p.y - q.y) || 1, x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  }
  canvas.addEventListener("pointerdown", function (e) {
    touches[e.pointerId] = { x: e.offsetX, y: e.offsetY };
    if (canvas.setPointerCapture) canvas.setPointerCapture(e.pointerId);
    drag = { x: e.offsetX, y: e.offsetY, cx: cam.x, cy: cam.y, moved: false, pinch: spread() };
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drag || !touches[e.pointerId]) return;
    touches[e.pointerId] = { x: e.offsetX, y: e.offsetY };
    var pinch = spread();
    if (pinch && drag.pinch) {
      drag.moved = true;
      zoomAt(pinch.x, pinch.y, pinch.d / drag.pinch.d);
      drag.pinch = pinch;
      return;
    }
    var dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) {
      cam.x = drag.cx - dx / cam.scale;
      cam.y = drag.cy - dy / cam.scale;
      hideTooltip();
      redraw();
    }
  });
  function pointerEnd(e) {
    delete touches[e.pointerId];
    if (drag && drag.moved) writeHash();
    if (drag && Object.keys(touches).length) drag.pinch = null;
  }
  canvas.addEventListener("pointerup", pointerEnd);
  canvas.addEventListener("pointercancel", function (e) { pointerEnd(e); drag = null; });
  canvas.addEventListener("click", function (e) {
    var moved = drag && drag.moved;
    drag = null;
    if (moved) return;
    clickAt(e.offsetX, e.offsetY, e.shiftKey);
  });
  function clickAt(px, py, shift) {
    var i = nodeAt(px, py);
    if (i >= 0) {
      if (shift && state.focus >= 0 && i !== state.focus) showDyad(state.focus, i);
      else focusActor(i);
      return;
    }
    var j = edgeAt(px, py);
    if (j >= 0) { showEdgePanel(j); return; }
    back();
  }
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * 0.0015));
  }, { passive: false });
  function zoomAt(px, py, factor) {
    var x = worldX(px), y = worldY(py);
    cam.scale = Math.max(1e-4, Math.min(20, cam.scale * factor));
    cam.x = x - (px - W / 2) / cam.scale;
    cam.y = y - (py - H / 2) / cam.scale;
    redraw();
  }
  canvas.addEventListener("keydown", function (e) {
    var step = 60 / cam.scale;
    var keys = {
      ArrowLeft: function () { cam.x -= step; }, ArrowRight: function () { cam.x += step; },
      ArrowUp: function () { cam.y -= step; }, ArrowDown: function () { cam.y += step; },
      "+": function () { zoomAt(W / 2, H / 2, 1.25); }, "=": function () { zoomAt(W / 2, H / 2, 1.25); },
      "-": function () { zoomAt(W / 2, H / 2, 0.8); }, "0": fit
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); redraw(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !(e.target && e.target.id === "search" && e.target.value)) back();
  });

  var tooltip = $("tooltip");
  var hoverPending = null;
  canvas.addEventListener("mousemove", function (e) {
    if (drag && drag.moved) return;
    if (!hoverPending) requestAnimationFrame(hover);
    hoverPending = { x: e.offsetX, y: e.offsetY };
  });
  canvas.addEventListener("mouseleave", hideTooltip);
  function hover() {
    var p = hoverPending;
    hoverPending = null;
    if (!p) return;
    var i = nodeAt(p.x, p.y);
    var text = i >= 0 ? A[i].title : null;
    if (i < 0) {
      var j = edgeAt(p.x, p.y);
      if (j >= 0) text = edgeTitle(j);
    }
    canvas.style.cursor = text ? "pointer" : "default";
    if (!text) { hideTooltip(); return; }
    tooltip.textContent = text;
    tooltip.hidden = false;
    tooltip.style.left = Math.min(p.x + 14, W - 300) + "px";
    tooltip.style.top = Math.min(p.y + 14, H - 80) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }
  function edgeTitle(j) {
    var r = R[j], a = A[r.from].label, b = A[r.to].label;
    var lines = [a + (r.symmetric ? " \u2194 " : " \u2192 ") + b,
      r.relation + " (" + words(r.quad_class) + ")"];
    if (r.symmetric && r.reverse_count) {
      lines.push(a + " \u2192 " + b + " " + plural(r.forward_count, "mention") + ", " +
        b + " \u2192 " + a + " " + plural(r.reverse_count, "mention"));
    }
    lines.push(plural(r.count, "mention") + " in " + plural(r.documents.length, "document"));
    if (!fullRange()) lines.push(plural(countInRange(r), "mention") + " in the time range");
    lines.push(dateSpan(r.first_date, r.last_date));
    return lines.join("\n");
  }

  // ---- focus, dyads, going back --------------------------------------------------------
  function focusActor(i, keepView) {
    var t0 = performance.now();
    if (state.focus < 0 && !saved) saved = { x: cam.x, y: cam.y, scale: cam.scale };
    state.focus = i;
    state.other = -1;
    openPanel("node", String(i), true);
    applyFilters(keepView ? null : function () {
      fitTo(bounds(function (k) { return nodeDraw[k] === 2; }), Math.max(cam.scale, 1));
    }, true);
    var t1 = performance.now();
    showActorPanel(i);
    timings.panel = performance.now() - t1;
    $("back").disabled = false;
    timings.focus = performance.now() - t0;
  }
  function showDyad(i, k, keepView) {
    if (state.focus < 0 && !saved) saved = { x: cam.x, y: cam.y, scale: cam.scale };
    state.focus = i;
    state.other = k;
    openPanel("dyad", i + "," + k, true);
    applyFilters(keepView ? null : function () {
      fitTo(bounds(function (n) { return n === i || n === k; }), Math.max(cam.scale, 1));
    }, true);
    showDyadPanel(i, k);
    $("back").disabled = false;
  }
  function back() {
    hidePanel(state.focus >= 0);
    if (state.focus < 0) return;
    state.focus = -1;
    state.other = -1;
    applyFilters(function () { if (saved) { cam = saved; saved = null; } }, true);
    $("back").disabled = true;
  }

  // ---- side panel --------------------------------------------------------------------
  var panel = $("panel");
  var panelBody = $("panel-body");
  function actorButton(i, current) {
    if (i === current) return el("span", "self", A[i].label);
    var button = el("button", "actor", A[i].label);
    button.type = "button";
    button.addEventListener("click", function () { focusActor(i); });
    return button;
  }
  function evidenceList(items, limit) {
    var list = el("ol", "evidence");
    items.slice().sort(newestFirst).slice(0, limit).forEach(function (item) {
      var li = el("li");
      li.appendChild(el("div", "sentence", item.sentence));
      li.appendChild(el("div", "meta", (item.doc || "unknown document") +
        " \u00b7 " + (item.date || "undated") + " \u00b7 confidence " + item.confidence.toFixed(2)));
      list.appendChild(li);
    });
    return list;
  }
  function relationHead(j, current) {
    var r = R[j];
    var head = el("div", "relation-head");
    var line = el("span", "line" + (r.dashed ? " dashed" : ""));
    line.style.borderTopColor = r.color;
    head.appendChild(line);
    head.appendChild(actorButton(r.from, current));
    var arrow = r.symmetric ? " \u2194 " : " \u2192 ";
    head.appendChild(el("span", "rel", arrow + r.relation + arrow));
    head.appendChild(actorButton(r.to, current));
    head.appendChild(el("span", "count", r.symmetric && r.reverse_count
      ? " \u00d7" + r.count + " (" + r.forward_count + " + " + r.reverse_count + ")" : " \u00d7" + r.count));
    return head;
  }
  function relationBlock(j, current, limit) {
    var r = R[j];
    var block = el("section", "relation" + (edgeOn[j] ? "" : " filtered"));
    block.dataset.relation = String(j);
    block.appendChild(relationHead(j, current));
    block.appendChild(el("div", "meta",
      words(r.quad_class) + " \u00b7 " + dateSpan(r.first_date, r.last_date) + " \u00b7 " +
      plural(r.documents.length, "document") + " \u00b7 confidence " + r.confidence.toFixed(2) +
      (edgeOn[j] ? "" : " \u00b7 hidden by the filters")));
    block.appendChild(evidenceList(r.evidence, limit));
    var more = r.evidence_total - Math.min(limit, r.evidence.length);
    if (more > 0) {
      block.appendChild(el("p", "note", plural(more, "more evidence sentence") +
        (r.evidence_total > r.evidence.length ? " (not all of them in this map)" : "") + "."));
    }
    return block;
  }
  function facts(pairs) {
    var dl = el("dl", "facts");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      dl.appendChild(el("dt", null, pair[0]));
      dl.appendChild(el("dd", null, pair[1]));
    });
    return dl;
  }
  function openPanel(kind, value, noDraw) {
    clear(panelBody);
    ["node", "edge", "dyad"].forEach(function (k) { delete panelBody.dataset[k]; });
    panelBody.dataset[kind] = value;
    var opening = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    // The map just got narrower: a focus that follows fits the view to the new width.
    if (opening) { resize(); if (!noDraw) draw(); }
  }
  function hidePanel(noDraw) {
    if (panel.hidden) return;
    panel.hidden = true;
    clear(panelBody);
    ["node", "edge", "dyad"].forEach(function (k) { delete panelBody.dataset[k]; });
    resize();
    if (!noDraw) draw();
  }
  function newestRelation(x, y) {
    var a = R[x].last_date || "", b = R[y].last_date || "";
    return a < b ? 1 : a > b ? -1 : R[y].count - R[x].count || x - y;
  }
  function section(title, list, i, limit) {
    var part = el("section", "part");
    var total = 0;
    list.forEach(function (j) { total += R[j].count; });
    part.appendChild(el("h3", null, title + " (" + plural(list.length, "relation") + ", " +
      plural(total, "mention") + ")"));
    if (!list.length) { part.appendChild(el("p", "note", "nothing")); return part; }
    var byLabel = {};
    list.forEach(function (j) { (byLabel[R[j].relation] = byLabel[R[j].relation] || []).push(j); });
    var labels = Object.keys(byLabel).map(function (name) {
      var group = byLabel[name].sort(newestRelation);
      var n = 0;
      group.forEach(function (j) { n += R[j].count; });
      return { name: name, group: group, n: n, newest: R[group[0]].last_date || "" };
    }).sort(function (x, y) { return x.newest < y.newest ? 1 : x.newest > y.newest ? -1 : y.n - x.n; });
    var room = 60;
    labels.forEach(function (g) {
      var h = el("h4", null, g.name + " \u00b7 " + plural(g.group.length, "relation") + ", " + plural(g.n, "mention"));
      h.dataset.label = g.name;
      part.appendChild(h);
      // A hub has thousands of relations: the newest of each label, the rest counted.
      var shown = Math.max(1, Math.min(g.group.length, room, 10));
      room = Math.max(0, room - shown);
      g.group.slice(0, shown).forEach(function (j) { part.appendChild(relationBlock(j, i, limit)); });
      if (g.group.length > shown) part.appendChild(el("p", "note", (g.group.length - shown) + " more, less recent."));
    });
    return part;
  }
  function showActorPanel(i) {
    var a = A[i];
    openPanel("node", String(i));
    panelBody.appendChild(el("h2", null, a.label));
    panelBody.appendChild(facts([
      ["type", a.type], ["id", a.key], ["country", a.country], ["role", a.role],
      ["mentions", a.mentions], ["community", a.community],
      ["seen", a.first_seen || a.last_seen ? dateSpan(a.first_seen, a.last_seen) : null],
      ["aliases", a.aliases.join(", ")],
      ["status", nodeOn[i] ? null : "hidden by the filters"]
    ]));
    panelBody.appendChild(picker(i));
    var did = [], done = [], structural = [];
    incident[i].forEach(function (j) {
      var r = R[j];
      if (r.structural) structural.push(j);
      else if (r.from === i || r.symmetric) did.push(j);
      else done.push(j);
    });
    panelBody.appendChild(section("What " + a.label + " did", did, i, 5));
    panelBody.appendChild(section("What was done to " + a.label, done, i, 5));
    panelBody.appendChild(section("Structural", structural, i, 5));
  }
  function picker(i) {
    var box = el("div", "picker");
    var label = el("label", null, "Compare with another actor (the pair over time)");
    var input = el("input");
    input.type = "search";
    input.id = "dyad-search";
    input.autocomplete = "off";
    label.htmlFor = "dyad-search";
    var results = el("ul", "picker-results");
    input.addEventListener("input", function () {
      clear(results);
      search(input.value).filter(function (h) { return h !== i; }).slice(0, 8).forEach(function (k) {
        var li = el("li");
        var b = el("button", null, A[k].label);
        b.type = "button";
        b.addEventListener("click", function () { showDyad(i, k); });
        li.appendChild(b);
        results.appendChild(li);
      });
    });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      var hits = search(input.value).filter(function (h) { return h !== i; });
      if (hits.length) showDyad(i, hits[0]);
    });
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(results);
    return box;
  }
  function showEdgePanel(j) {
    var r = R[j];
    openPanel("edge", String(j));
    panelBody.appendChild(el("h2", null, A[r.from].label + (r.symmetric ? " \u2194 " : " \u2192 ") +
      r.relation + (r.symmetric ? " \u2194 " : " \u2192 ") + A[r.to].label));
    if (r.days.length) {
      // How the relation changed: its evidence per period.
      var chart = el("canvas", "dyad-chart");
      panelBody.appendChild(chart);
      drawDyadChart(chart, [j]);
    }
    panelBody.appendChild(relationBlock(j, null, r.evidence.length));
    if (r.documents.length) panelBody.appendChild(el("div", "meta", "Documents: " + r.documents.join(", ")));
  }

  function dyadRelations(i, k) {
    return incident[i].filter(function (j) {
      var r = R[j];
      return (r.from === i && r.to === k) || (r.from === k && r.to === i);
    });
  }
  function showDyadPanel(i, k) {
    openPanel("dyad", i + "," + k);
    panelBody.appendChild(el("h2", null, A[i].label + " and " + A[k].label));
    var list = dyadRelations(i, k);
    if (!list.length) {
      panelBody.appendChild(el("p", "note", "No relation between them in this map."));
      return;
    }
    var chart = el("canvas", "dyad-chart");
    panelBody.appendChild(chart);
    drawDyadChart(chart, list);
    var items = [];
    list.forEach(function (j) {
      R[j].evidence.forEach(function (e) { items.push({ j: j, e: e, date: e.date }); });
    });
    items.sort(newestFirst);
    panelBody.appendChild(el("h3", null, "Relations (" + plural(list.length, "relation") + ")"));
    list.slice().sort(newestRelation).forEach(function (j) {
      var row = relationHead(j, -1);
      row.appendChild(el("span", "meta", " " + dateSpan(R[j].first_date, R[j].last_date)));
      panelBody.appendChild(row);
    });
    panelBody.appendChild(el("h3", null, "Evidence over time, newest first"));
    var current = null, ol = null;
    items.forEach(function (item) {
      var p = item.date ? periodOfDate(item.date) : "undated";
      if (p !== current) {
        current = p;
        panelBody.appendChild(el("h4", null, p));
        ol = el("ol", "evidence");
        panelBody.appendChild(ol);
      }
      var r = R[item.j];
      var li = el("li");
      li.dataset.relation = String(item.j);
      li.appendChild(el("div", "meta", A[r.from].label + (r.symmetric ? " \u2194 " : " \u2192 ") +
        r.relation + (r.symmetric ? " \u2194 " : " \u2192 ") + A[r.to].label));
      li.appendChild(el("div", "sentence", item.e.sentence));
      li.appendChild(el("div", "meta", (item.e.doc || "unknown document") + " \u00b7 " +
        (item.e.date || "undated")));
      ol.appendChild(li);
    });
  }
  var dayIndex = {};
  data.days.forEach(function (d, k) { dayIndex[d] = k; });
  function periodOfDate(date) {
    var k = dayIndex[date];
    return k === undefined ? String(date) : periods().labels[periods().of_day[k]];
  }
  function stackedCounts(list, labels) {
    var table = labels.map(function () { return {}; });
    var of = periods().of_day;
    list.forEach(function (j) {
      var r = R[j];
      r.days.forEach(function (dn) {
        var row = table[of[dn[0]]];
        row[r.quad_class] = (row[r.quad_class] || 0) + dn[1];
      });
    });
    return table;
  }
  function drawBars(target, table, range) {
    var w = target.clientWidth || 300, h = target.clientHeight || 80;
    target.width = Math.round(w * dpr);
    target.height = Math.round(h * dpr);
    var c = target.getContext("2d");
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.clearRect(0, 0, w, h);
    var top = 1;
    table.forEach(function (row) {
      var s = 0;
      Object.keys(row).forEach(function (q) { s += row[q]; });
      top = Math.max(top, s);
    });
    var bw = w / Math.max(1, table.length);
    var base = h - 14;
    table.forEach(function (row, p) {
      var y = base;
      quadOrder.forEach(function (q) {
        if (!row[q]) return;
        var bh = row[q] / top * (base - 4);
        c.fillStyle = quadColor[q];
        c.globalAlpha = range && (p < range[0] || p > range[1]) ? 0.25 : 1;
        c.fillRect(p * bw + 0.5, y - bh, Math.max(1, bw - 1), bh);
        y -= bh;
      });
    });
    c.globalAlpha = 1;
    if (range) {
      c.strokeStyle = "#000";
      c.lineWidth = 1.5;
      c.strokeRect(range[0] * bw + 0.5, 1, (range[1] - range[0] + 1) * bw - 1, base - 1);
    }
    c.fillStyle = "#444";
    c.font = "11px " + LABEL_FONT;
    c.textBaseline = "top";
    var labels = periods().labels;
    // As many period names as fit, evenly spaced, each with a tick at its bar.
    var every = Math.max(1, Math.ceil(64 / bw));
    c.textAlign = "left";
    for (var p = 0; p < table.length; p += every) {
      if (p * bw + 60 > w) break;
      c.fillRect(p * bw, base, 1, 3);
      c.fillText(labels[p], p * bw + 2, base + 2);
    }
    return { bw: bw };
  }
  function drawDyadChart(target, list) {
    drawBars(target, stackedCounts(list, periods().labels), null);
  }

  // ---- search: names and aliases, forgiving typos --------------------------------------
  function normal(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  var names = A.map(function (a) {
    var all = [a.label].concat(a.aliases);
    return all.map(normal).filter(function (n, k, list) { return n && list.indexOf(n) === k; });
  });
  function editDistance(a, b, limit) {
    // Optimal string alignment (Damerau-Levenshtein with adjacent transpositions).
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur;
    for (var y = 0; y <= b.length; y++) prev.push(y);
    for (var x = 1; x <= a.length; x++) {
      cur = [x];
      var best = x;
      for (var z = 1; z <= b.length; z++) {
        var cost = a[x - 1] === b[z - 1] ? 0 : 1;
        var v = Math.min(prev[z] + 1, cur[z - 1] + 1, prev[z - 1] + cost);
        if (prev2 && x > 1 && z > 1 && a[x - 1] === b[z - 2] && a[x - 2] === b[z - 1]) v = Math.min(v, prev2[z - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }
  function trigrams(text) {
    var padded = "  " + text + " ", set = new Set();
    for (var k = 0; k + 3 <= padded.length; k++) set.add(padded.slice(k, k + 3));
    return set;
  }
  function nameScore(q, qgrams, name, limit) {
    if (name === q) return 0;
    if (name.indexOf(q) === 0) return 1;
    if (name.indexOf(" " + q) >= 0) return 1.5;
    if (name.indexOf(q) >= 0) return 2;
    var best = editDistance(q, name, limit);
    name.split(" ").forEach(function (word) {
      if (word.length > 2) best = Math.min(best, editDistance(q, word, limit));
      if (word.length > q.length) best = Math.min(best, editDistance(q, word.slice(0, q.length), limit) + 0.5);
    });
    if (best <= limit) return 3 + best;
    if (q.length < 5) return Infinity;
    var g = trigrams(name), shared = 0;
    qgrams.forEach(function (t) { if (g.has(t)) shared += 1; });
    var similarity = shared / (qgrams.size + g.size - shared);
    return similarity >= 0.4 ? 7 + (1 - similarity) : Infinity;
  }
  function search(text) {
    var q = normal(text);
    if (!q) return [];
    var limit = q.length <= 3 ? 0 : q.length <= 5 ? 1 : q.length <= 9 ? 2 : 3;
    var qgrams = trigrams(q);
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = Infinity;
      for (var k = 0; k < names[i].length && best > 0; k++) best = Math.min(best, nameScore(q, qgrams, names[i][k], limit));
      if (best < Infinity) hits.push({ i: i, s: best });
    }
    hits.sort(function (x, y) { return x.s - y.s || rank[x.i] - rank[y.i]; });
    return hits.slice(0, 50).map(function (h) { return h.i; });
  }
  var searchBox = $("search");
  var results = $("search-results");
  function showResults() {
    var hits = search(searchBox.value);
    clear(results);
    hits.slice(0, 12).forEach(function (i) {
      var li = el("li");
      var button = el("button", null, A[i].label);
      button.type = "button";
      var also = A[i].aliases.filter(function (x) { return x !== A[i].label; });
      if (also.length) button.title = "also: " + also.slice(0, 6).join(", ");
      button.addEventListener("click", function () { focusActor(i); });
      li.appendChild(button);
      li.appendChild(el("span", "count", " " + A[i].type));
      results.appendChild(li);
    });
    if (searchBox.value.trim() && !hits.length) results.appendChild(el("li", "note", "No actor found"));
    return hits;
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var hits = showResults();
    if (hits.length) focusActor(hits[0]);
  });

  // ---- filters and legend ----------------------------------------------------------
  function checkbox(kind, value, set) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = set.has(value);
    input.value = value;
    input.dataset.filter = kind;
    input.addEventListener("change", function () {
      if (input.checked) set.add(value); else set.delete(value);
      applyFilters();
    });
    return input;
  }
  function tally(list, key) {
    var out = {};
    list.forEach(function (x) { out[x[key]] = (out[x[key]] || 0) + 1; });
    return out;
  }
  function buildLegend() {
    var typeCounts = tally(A, "type"), relationCounts = tally(R, "relation"), quadCounts = tally(R, "quad_class");
    var typeBox = $("filter-types");
    data.legend.types.forEach(function (t) {
      var label = el("label");
      label.appendChild(checkbox("type", t.type, state.types));
      var swatch = el("span", "swatch shape-" + t.shape);
      swatch.style.backgroundColor = t.color;
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(t.type));
      label.appendChild(el("span", "count", " " + typeCounts[t.type]));
      typeBox.appendChild(label);
    });
    var quadBox = $("filter-relations");
    data.legend.quads.forEach(function (q) {
      var label = el("label");
      label.appendChild(checkbox("quad", q.quad_class, state.quads));
      var line = el("span", "line" + (q.dashed ? " dashed" : ""));
      line.style.borderTopColor = q.color;
      label.appendChild(line);
      label.appendChild(document.createTextNode(words(q.quad_class)));
      label.appendChild(el("span", "count", " " + quadCounts[q.quad_class]));
      quadBox.appendChild(label);
      q.relations.forEach(function (name) {
        var sub = el("label", "sub");
        sub.appendChild(checkbox("relation", name, state.relations));
        sub.appendChild(document.createTextNode(name + (data.legend.symmetric.indexOf(name) >= 0 ? " \u2194" : "")));
        sub.appendChild(el("span", "count", " " + relationCounts[name]));
        quadBox.appendChild(sub);
      });
    });
    var communityBox = $("legend-communities");
    data.legend.communities.forEach(function (c) {
      var row = el("div");
      var swatch = el("span", "swatch shape-dot");
      swatch.style.backgroundColor = c.color;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode("community " + c.community));
      row.appendChild(el("span", "count", " " + plural(c.actors, "actor")));
      communityBox.appendChild(row);
    });
    communityBox.appendChild(el("p", "note", "Smaller communities are grey."));
  }

  var countBox = $("min-count"), confidenceBox = $("min-confidence");
  function syncControls() {
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      var set = { type: state.types, quad: state.quads, relation: state.relations }[box.dataset.filter];
      box.checked = set.has(box.value);
    });
    countBox.value = String(state.minCount);
    confidenceBox.value = String(state.minConfidence);
    $("min-confidence-value").textContent = state.minConfidence.toFixed(2);
    $("hide-orphans").checked = state.hideOrphans;
    $("hide-structural").checked = state.hideStructural;
    $("hide-rest").checked = state.hideRest;
    $("color-" + state.colorBy).checked = true;
    $("hops-" + state.hops).checked = true;
    $("legend-communities").hidden = state.colorBy !== "community";
    $("keep-undated").checked = state.keepUndated;
    $("granularity").value = state.gran;
    syncTimeInputs();
  }
  function wireControls() {
    var maxCount = 1;
    R.forEach(function (r) { if (r.count > maxCount) maxCount = r.count; });
    countBox.max = String(maxCount);
    countBox.addEventListener("input", function () {
      state.minCount = Math.max(1, parseInt(countBox.value, 10) || 1);
      applyFilters();
    });
    confidenceBox.addEventListener("input", function () {
      state.minConfidence = Math.min(1, Math.max(0, parseFloat(confidenceBox.value) || 0));
      $("min-confidence-value").textContent = state.minConfidence.toFixed(2);
      applyFilters();
    });
    var flags = { "hide-orphans": "hideOrphans", "hide-structural": "hideStructural", "hide-rest": "hideRest", "keep-undated": "keepUndated" };
    Object.keys(flags).forEach(function (id) {
      $(id).addEventListener("change", function () {
        state[flags[id]] = $(id).checked;
        applyFilters(null, id === "hide-rest");
      });
    });
    document.querySelectorAll("input[name=color-by]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        state.colorBy = radio.value;
        $("legend-communities").hidden = state.colorBy !== "community";
        applyFilters(null, true);
      });
    });
    document.querySelectorAll("input[name=hops]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        state.hops = parseInt(radio.value, 10);
        if (state.focus >= 0 && state.other < 0) focusActor(state.focus); else applyFilters(null, true);
      });
    });
    $("reset").addEventListener("click", function () {
      var keep = { focus: state.focus, other: state.other, colorBy: state.colorBy };
      state = defaults();
      state.focus = keep.focus; state.other = keep.other; state.colorBy = keep.colorBy;
      syncControls();
      applyFilters();
    });
    $("fit").addEventListener("click", fit);
    $("back").addEventListener("click", back);
    $("panel-close").addEventListener("click", function () { hidePanel(); });
    $("download-png").addEventListener("click", downloadPNG);
    $("download-csv").addEventListener("click", downloadCSV);
  }

  // ---- timeline ----------------------------------------------------------------------
  var timeline = $("timeline"), chart = $("timeline-chart");
  var fromBox = $("time-from"), toBox = $("time-to");
  var undatedTotal = 0;
  R.forEach(function (r) { undatedTotal += r.undated; });
  var timelineTable = [];
  function updateTimelineCounts() {
    var list = [];
    for (var j = 0; j < M; j++) if (passesNonTime(R[j])) list.push(j);
    timelineTable = stackedCounts(list, periods().labels);
    drawTimeline();
  }
  function drawTimeline() {
    if (timeline.hidden) return;
    drawBars(chart, timelineTable, [state.from, state.to]);
  }
  function syncTimeInputs() {
    var last = lastPeriod();
    [fromBox, toBox].forEach(function (box) { box.max = String(last); });
    fromBox.value = String(state.from);
    toBox.value = String(state.to);
    var labels = periods().labels;
    $("time-range").textContent = labels.length ? (state.from === state.to ? labels[state.from]
      : labels[state.from] + " \u2013 " + labels[state.to]) : "";
    fromBox.setAttribute("aria-valuetext", labels[state.from] || "");
    toBox.setAttribute("aria-valuetext", labels[state.to] || "");
  }
  function setRange(from, to) {
    var t0 = performance.now();
    var last = lastPeriod();
    from = Math.max(0, Math.min(last, from));
    to = Math.max(0, Math.min(last, to));
    if (from > to) { var t = from; from = to; to = t; }
    state.from = from;
    state.to = to;
    syncTimeInputs();
    applyFilters();
    if (state.focus >= 0) refreshPanel();
    timings.brush = performance.now() - t0;
  }
  function refreshPanel() {
    if (panelBody.dataset.dyad) showDyadPanel(state.focus, state.other);
    else if (panelBody.dataset.node) showActorPanel(state.focus);
  }
  function setGranularity(gran) {
    if (!data.periods[gran]) return;
    state.gran = gran;
    state.from = 0;
    state.to = lastPeriod();
    syncTimeInputs();
    applyFilters();
  }
  function periodAt(x) {
    var n = periods().labels.length;
    return Math.max(0, Math.min(n - 1, Math.floor(x / (chart.clientWidth / Math.max(1, n)))));
  }
  var brush = null;
  chart.addEventListener("mousedown", function (e) { brush = periodAt(e.offsetX); setRange(brush, brush); });
  chart.addEventListener("mousemove", function (e) {
    if (brush !== null && (e.buttons & 1)) setRange(brush, periodAt(e.offsetX));
  });
  window.addEventListener("mouseup", function () { brush = null; });
  chart.addEventListener("dblclick", function () { setRange(0, lastPeriod()); });
  fromBox.addEventListener("input", function () {
    setRange(parseInt(fromBox.value, 10), Math.max(parseInt(fromBox.value, 10), state.to));
  });
  toBox.addEventListener("input", function () {
    setRange(Math.min(state.from, parseInt(toBox.value, 10)), parseInt(toBox.value, 10));
  });
  $("granularity").addEventListener("change", function () { setGranularity($("granularity").value); });
  var player = null;
  function step() {
    // One period on: the window keeps its width; from the whole range, one period at a time.
    var width = fullRange() ? 0 : state.to - state.from;
    if (fullRange() || state.to >= lastPeriod()) { setRange(0, width); return state.to < lastPeriod(); }
    setRange(state.from + 1, state.to + 1);
    return state.to < lastPeriod();
  }
  function stopPlaying() {
    if (player) clearInterval(player);
    player = null;
    $("play").textContent = "Play";
    $("play").setAttribute("aria-pressed", "false");
  }
  $("play").addEventListener("click", function () {
    if (player) { stopPlaying(); return; }
    $("play").textContent = "Pause";
    $("play").setAttribute("aria-pressed", "true");
    step();
    player = setInterval(function () { if (!step()) stopPlaying(); }, 900);
  });
  function setupTimeline() {
    $("undated-note").textContent = undatedTotal ? plural(undatedTotal, "undated mention") + " (not on the timeline)" : "";
    if (!data.days.length) {
      chart.hidden = true;
      ["play", "granularity", "time-from", "time-to"].forEach(function (id) { $(id).disabled = true; });
      if (!undatedTotal) timeline.hidden = true;
    }
  }

  // ---- sharing: the URL fragment, PNG and CSV ------------------------------------------
  var keyIndex = {};
  A.forEach(function (a, i) { keyIndex[String(a.key)] = i; });
  var reading = false;
  function missing(all, set) {
    return Array.from(all).filter(function (x) { return !set.has(x); }).join(",");
  }
  function hashOf() {
    var d = defaults(), p = new URLSearchParams();
    if (state.focus >= 0) p.set("focus", String(A[state.focus].key));
    if (state.other >= 0) p.set("with", String(A[state.other].key));
    if (state.hops !== 1) p.set("hops", String(state.hops));
    if (state.hideRest) p.set("hide", "1");
    if (state.gran !== d.gran) p.set("per", state.gran);
    if (!fullRange()) { p.set("from", periods().labels[state.from]); p.set("to", periods().labels[state.to]); }
    if (!state.keepUndated) p.set("undated", "0");
    if (state.colorBy !== "type") p.set("colour", state.colorBy);
    if (state.hideStructural) p.set("structural", "0");
    var off = { types: missing(d.types, state.types), quads: missing(d.quads, state.quads), relations: missing(d.relations, state.relations) };
    Object.keys(off).forEach(function (k) { if (off[k]) p.set("no-" + k, off[k]); });
    if (state.minCount > 1) p.set("min-count", String(state.minCount));
    if (state.minConfidence > 0) p.set("min-confidence", String(state.minConfidence));
    if (!state.hideOrphans) p.set("orphans", "1");
    return p.toString();
  }
  // Written a moment after the last change: a brush drag or Play changes the state many
  // times a second, and the browser throttles a page that rewrites its URL that often.
  var hashTimer = null;
  function writeHash() {
    if (reading || !map.ready) return;
    if (hashTimer) clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHashNow, 120);
  }
  function writeHashNow() {
    hashTimer = null;
    var text = hashOf();
    if (text === location.hash.replace(/^#/, "")) return;
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (error) {
      // A page without a URL of its own (an iframe's srcdoc in a notebook) keeps no state.
    }
  }
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var s = defaults();
    s.colorBy = p.get("colour") === "community" ? "community" : "type";
    s.hops = p.get("hops") === "2" ? 2 : 1;
    s.hideRest = p.get("hide") === "1";
    if (data.periods[p.get("per")]) s.gran = p.get("per");
    var labels = data.periods[s.gran].labels;
    s.to = Math.max(0, labels.length - 1);
    if (labels.indexOf(p.get("from")) >= 0) s.from = labels.indexOf(p.get("from"));
    if (labels.indexOf(p.get("to")) >= 0) s.to = labels.indexOf(p.get("to"));
    s.keepUndated = p.get("undated") !== "0";
    s.hideStructural = p.get("structural") === "0";
    ["types", "quads", "relations"].forEach(function (k) {
      (p.get("no-" + k) || "").split(",").forEach(function (x) { if (x) s[k].delete(x); });
    });
    s.minCount = Math.max(1, parseInt(p.get("min-count"), 10) || 1);
    s.minConfidence = Math.min(1, Math.max(0, parseFloat(p.get("min-confidence")) || 0));
    s.hideOrphans = p.get("orphans") !== "1";
    var focus = keyIndex[p.get("focus")], other = keyIndex[p.get("with")];
    state = s;
    syncControls();
    return { focus: focus === undefined ? -1 : focus, other: other === undefined ? -1 : other };
  }
  function applyHash() {
    reading = true;
    var picked = readHash();
    if (picked.focus >= 0 && picked.other >= 0 && picked.other !== picked.focus) showDyad(picked.focus, picked.other);
    else if (picked.focus >= 0) focusActor(picked.focus);
    else { back(); applyFilters(); }
    reading = false;
    writeHashNow();
  }
  window.addEventListener("hashchange", function () { if (location.hash.replace(/^#/, "") !== hashOf()) applyHash(); });

  function save(blob, name) {
    var link = document.createElement("a");
    var url = URL.createObjectURL(blob);
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    map.downloads.push(name);
  }
  function fileName(ext) {
    var base = (data.title || "graphbuild map").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "map";
    return base.slice(0, 60) + "." + ext;
  }
  function downloadPNG() {
    draw();
    canvas.toBlob(function (blob) { if (blob) save(blob, fileName("png")); }, "image/png");
  }
  var FORMULA = /^'*[=+\-@\t\r]/;
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return String(value);
    var text = String(value);
    // As graphbuild/export/spreadsheet.py: a cell a spreadsheet would run as a formula
    // gets a leading apostrophe (OWASP's advice for CSV injection).
    if (FORMULA.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }
  function csvText() {
    var rows = [["source", "source_label", "target", "target_label", "relation", "quad_class", "count",
      "forward_count", "reverse_count", "first_date", "last_date", "documents"]];
    for (var j = 0; j < M; j++) {
      if (edgeDraw[j] !== 2) continue;
      var r = R[j];
      rows.push([A[r.from].key, A[r.from].label, A[r.to].key, A[r.to].label, r.relation, r.quad_class,
        r.count, r.forward_count, r.reverse_count, r.first_date, r.last_date, r.documents.join(";")]);
    }
    return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  function downloadCSV() {
    save(new Blob(["\ufeff" + csvText()], { type: "text/csv;charset=utf-8" }), fileName("csv"));
  }

  // ---- start -------------------------------------------------------------------------
  var map = {
    data: data, ready: false, timings: timings, downloads: [],
    get state() { return state; },
    get camera() { return cam; },
    get labelBoxes() { return labelBoxes; },
    applyFilters: applyFilters, focusActor: focusActor, showDyad: showDyad, back: back,
    search: search, fit: fit, draw: draw, setRange: setRange, setGranularity: setGranularity,
    step: step, csvText: csvText, csvCell: csvCell, downloadPNG: downloadPNG, downloadCSV: downloadCSV,
    hashOf: hashOf, clickAt: clickAt, nodeAt: nodeAt, edgeAt: edgeAt, edgeMidpoint: edgeMidpoint,
    screenOf: function (i) { return [sx(A[i].x), sy(A[i].y)]; },
    drawn: function () { return { nodes: counts.nodes, edges: counts.edges, shownNodes: counts.shownNodes, shownEdges: counts.shownEdges }; },
    drawnEdges: function () { var out = []; for (var j = 0; j < M; j++) if (edgeDraw[j] === 2) out.push(j); return out; },
    drawnNodes: function () { var out = []; for (var i = 0; i < N; i++) if (nodeDraw[i] === 2) out.push(i); return out; },
    fadedNodes: function () { var out = []; for (var i = 0; i < N; i++) if (nodeDraw[i] === 1) out.push(i); return out; }
  };
  window.graphbuildMap = map;

  $("status").textContent = "Drawing the map\u2026";
  buildLegend();
  wireControls();
  setupTimeline();
  resize();
  var t0 = performance.now();
  reading = true;
  var picked = readHash();
  applyFilters();
  fit();
  map.ready = true;
  reading = false;
  if (picked.focus >= 0 && picked.other >= 0 && picked.other !== picked.focus) showDyad(picked.focus, picked.other);
  else if (picked.focus >= 0) focusActor(picked.focus);
  timings.start = performance.now() - t0;
  timings.ready = performance.now(); // from the start of navigation
  document.body.dataset.state = "ready";
  if (window.ResizeObserver) {
    new ResizeObserver(function () { resize(); draw(); drawTimeline(); }).observe(wrap);
  }
}());
