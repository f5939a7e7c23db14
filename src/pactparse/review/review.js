/* pactparse review page: records beside their texts, decisions, gold export.
 * Plain script, no dependency: the page must open from disk, offline. */
(function () {
  "use strict";

  /* The first records come before this script, the rest after it: the first screen is
   * drawn while the browser still reads the others (10,000 records are megabytes). */
  var DATA = JSON.parse(document.getElementById("pp-data").textContent);
  var META = DATA.meta;
  var STORE = "pactparse-review:" + META.dataset;
  var NO_PACT = { NoPactFound: true, UnsupportedLanguage: true };
  var FIELD_NAMES = {
    party: "party", adversary: "adversary", provision: "provision",
    date_hint: "date hint", rationale: "rationale"
  };
  var PALETTE = ["#c8e6c9", "#fef0c3", "#c4e9e4", "#ffddbe", "#fce4ec", "#dde8e8",
    "#e6ee9c", "#ffe0b2", "#d7ccc8", "#b2ebf2"];

  var $ = function (id) { return document.getElementById(id); };
  var listEl = $("list"), innerEl = $("list-inner"), detailEl = $("detail"), tipEl = $("tip");
  var rowHeight = 52;

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function categoryColor(category) {
    var i = META.categories.indexOf(category);
    return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  }

  /* ------------------------------------------------------------ records, derived once */

  /* Records arrive compact (see pactparse/review/page.py); what the list and the filters
   * need is read at once, the full pact only when a record is shown, searched or exported. */
  var RECORDS = [];
  var loaded = false;

  /* ------------------------------------------------------------ decisions (local storage) */

  var decisions = {};
  var saved = {};
  var storageOk = true;
  try {
    saved = JSON.parse(window.localStorage.getItem(STORE) || "{}") || {};
  } catch (e) {
    storageOk = false;
  }

  function addRecords(raws) {
    for (var n = 0; n < raws.length; n++) {
      var raw = raws[n], c = raw[4], i = RECORDS.length;
      var r = { i: i, id: raw[0], line: raw[1], text: raw[2], ref: raw[3], raw: c, cats: {},
        error: raw[5] ? { type: raw[5][0], message: raw[5][1] } : null };
      if (c) {
        r.kind = "pact"; r.status = c.s; r.event = c.v;
        r.flagged = c.w.length > 0 || c.W.length > 0;
        for (var k = 0; k < c.c.length; k++) r.cats[c.c[k][0]] = true;
      } else {
        r.kind = r.error && NO_PACT[r.error.type] ? "nopact" : "error";
        r.flagged = false;
      }
      if (saved[i] && saved[i].id === r.id) decisions[i] = saved[i];
      RECORDS.push(r);
    }
  }

  var GROUNDING = { e: "exact", f: "fuzzy", u: "ungrounded" };

  /* [words, start, end, grounding] → {text, span, grounding}; words null: the text's own */
  function located(text, l) {
    return { text: l[0] !== null ? l[0] : text.slice(l[1], l[2]),
      span: l[1] === null ? null : [l[1], l[2]], grounding: GROUNDING[l[3]] };
  }

  function pactOf(r) {
    if (!r.raw) return null;
    if (!r.pact) {
      var c = r.raw, t = r.text;
      var actor = function (a) {
        var l = located(t, a.slice(3));
        return { name: a[0], code: a[1], kind: a[2], mention: l.text, span: l.span, grounding: l.grounding };
      };
      r.pact = {
        name: c.n, status: c.s, event: c.v, parties: c.a.map(actor), adversaries: c.x.map(actor),
        provisions: c.c.map(function (v) {
          var l = located(t, v.slice(1, 5));
          return { category: v[0], text: l.text, span: l.span, grounding: l.grounding,
            amount: v[5] === null || v[5] === undefined ? null : { value: v[5], unit: v[6] } };
        }),
        date_hints: c.h.map(function (d) {
          var l = located(t, d.slice(2));
          return { type: d[0], value: d[1], text: l.text, span: l.span, grounding: l.grounding };
        }),
        rationale: c.r.map(function (x) { return located(t, x); }),
        review: c.w.map(function (w) { return { field: w[0], why: w[1] }; }),
        warnings: c.W, backend: c.b, model: c.m
      };
    }
    return r.pact;
  }

  function haystack(r) {
    if (r.hay === undefined) {
      var parts = [r.id, r.text || ""];
      var p = pactOf(r);
      if (p) {
        parts.push(p.name || "", p.status, p.event);
        (p.parties || []).concat(p.adversaries || []).forEach(function (a) {
          parts.push(a.name, a.code || "", a.mention);
        });
        (p.review || []).forEach(function (x) { parts.push(x.why); });
      }
      if (r.error) parts.push(r.error.type, r.error.message);
      r.hay = parts.join("\n").toLowerCase();
    }
    return r.hay;
  }

  function persist() {
    try {
      var keep = {}; /* decisions on records not read yet are kept as they were */
      if (!loaded) Object.keys(saved).forEach(function (k) { if (!RECORDS[+k]) keep[k] = saved[k]; });
      Object.keys(decisions).forEach(function (k) { keep[k] = decisions[k]; });
      window.localStorage.setItem(STORE, JSON.stringify(keep));
    } catch (e) {
      storageOk = false;
      say("The browser refused to keep decisions (storage full or disabled): export now.", true);
    }
  }

  function actorKey(a) { return a.code !== null && a.code !== undefined ? a.code : a.name.toLowerCase(); }

  function unique(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!seen[v]) { seen[v] = true; out.push(v); } });
    return out;
  }

  /* The record's prediction in the gold format of the spec. */
  function predictedGold(r) {
    var p = pactOf(r);
    if (!p) return null;
    return {
      name: p.name, status: p.status, event: p.event,
      parties: unique(p.parties.map(actorKey)),
      adversaries: unique(p.adversaries.map(actorKey)),
      provisions: unique(p.provisions.map(function (v) { return v.category; })),
      date_hints: p.date_hints.map(function (d) { return d.text; }),
      rationale: p.rationale.map(function (x) { return x.text; })
    };
  }

  function sameGold(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function decide(r, state, gold) {
    decisions[r.i] = { id: r.id, state: state, gold: gold, at: new Date().toISOString() };
    persist();
    refreshAfterDecision(r);
  }

  function undo(r) {
    delete decisions[r.i];
    persist();
    refreshAfterDecision(r);
  }

  /* ------------------------------------------------------------ filters and the list */

  var view = [];
  var current = -1; /* index into RECORDS */

  function fillSelect(id, values) {
    var el = $(id);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = v.replace(/_/g, " ");
      el.appendChild(o);
    });
  }
  fillSelect("f-status", META.statuses);
  fillSelect("f-event", META.events);
  fillSelect("f-category", META.categories);
  function fillErrorTypes() {
    var el = $("f-errtype"), chosen = el.value;
    while (el.options.length > 1) el.remove(1);
    fillSelect("f-errtype", unique(RECORDS.filter(function (r) { return r.error; })
      .map(function (r) { return r.error.type; })).sort());
    el.value = chosen;
  }

  function filters() {
    return {
      q: $("q").value.trim().toLowerCase(), review: $("f-review").value,
      decided: $("f-decided").value, kind: $("f-kind").value, status: $("f-status").value,
      event: $("f-event").value, category: $("f-category").value, errtype: $("f-errtype").value
    };
  }

  function matches(r, f) {
    if (f.review === "flagged" && !r.flagged) return false;
    if (f.review === "clean" && (r.kind !== "pact" || r.flagged)) return false;
    var done = decisions[r.i] !== undefined;
    if (f.decided === "todo" && done) return false;
    if (f.decided === "done" && !done) return false;
    if (f.kind && r.kind !== f.kind) return false;
    if (f.status && r.status !== f.status) return false;
    if (f.event && r.event !== f.event) return false;
    if (f.category && !r.cats[f.category]) return false;
    if (f.errtype && (!r.error || r.error.type !== f.errtype)) return false;
    if (f.q) {
      var words = f.q.split(/\s+/), hay = haystack(r);
      for (var k = 0; k < words.length; k++) if (hay.indexOf(words[k]) < 0) return false;
    }
    return true;
  }

  function applyFilters() {
    var f = filters();
    view = [];
    for (var i = 0; i < RECORDS.length; i++) if (matches(RECORDS[i], f)) view.push(i);
    $("count").textContent = view.length.toLocaleString() + " of " +
      RECORDS.length.toLocaleString() + " records" + (loaded ? "" : " (reading the others…)");
    innerEl.style.height = view.length * rowHeight + "px";
    if (view.indexOf(current) < 0) select(view.length ? view[0] : -1);
    else { renderList(); scrollToCurrent(); }
  }

  function rowHtml(r, top) {
    var badges = "";
    if (r.kind === "pact") {
      badges += '<span class="badge">' + esc(r.status) + "</span>";
      if (r.flagged) badges += '<span class="badge flag" title="needs review">review</span>';
    } else if (r.kind === "nopact") {
      badges += '<span class="badge nopact">' + esc(r.error.type) + "</span>";
    } else {
      badges += '<span class="badge err">' + esc(r.error ? r.error.type : "error") + "</span>";
    }
    var d = decisions[r.i];
    if (d) badges += '<span class="badge done">' + esc(d.state) + "</span>";
    var line2 = r.text !== null && r.text !== undefined ? r.text : (r.error ? r.error.message : "");
    return '<div class="row' + (r.i === current ? " current" : "") + '" role="option" id="row-' +
      r.i + '" data-i="' + r.i + '" aria-selected="' + (r.i === current) + '" style="top:' + top +
      'px"><div class="r1"><span class="rid">' + esc(r.id) + "</span>" + badges +
      '</div><div class="r2">' + esc(line2.slice(0, 160)) + "</div></div>";
  }

  var listFrame = 0;
  function renderList() {
    listFrame = 0;
    var first = Math.max(0, Math.floor(listEl.scrollTop / rowHeight) - 8);
    var count = Math.ceil((listEl.clientHeight || 800) / rowHeight) + 16;
    var html = [];
    for (var k = first; k < Math.min(view.length, first + count); k++) {
      html.push(rowHtml(RECORDS[view[k]], k * rowHeight));
    }
    innerEl.innerHTML = html.length ? html.join("") :
      '<div class="empty">No record matches these filters.</div>';
    if (current >= 0) listEl.setAttribute("aria-activedescendant", "row-" + current);
  }

  function scheduleList() { if (!listFrame) listFrame = requestAnimationFrame(renderList); }

  function scrollToCurrent() {
    var k = view.indexOf(current);
    if (k < 0) return;
    var top = k * rowHeight, height = listEl.clientHeight;
    if (top < listEl.scrollTop) listEl.scrollTop = top;
    else if (top + rowHeight > listEl.scrollTop + height) listEl.scrollTop = top + rowHeight - height;
    renderList();
  }

  function select(i) {
    current = i;
    hideTip();
    renderDetail();
    scrollToCurrent();
    if (i < 0) renderList();
  }

  function move(step) {
    if (!view.length) return;
    var k = view.indexOf(current);
    k = k < 0 ? 0 : Math.min(view.length - 1, Math.max(0, k + step));
    select(view[k]);
  }

  function nextToReview() {
    var k = view.indexOf(current);
    for (var n = 1; n <= view.length; n++) {
      var r = RECORDS[view[(k + n) % view.length]];
      if (r.flagged && decisions[r.i] === undefined) { select(r.i); return; }
    }
    say("No record in this list needs review any more.");
  }

  /* ------------------------------------------------------------ highlights */

  function spansOf(r) {
    var p = pactOf(r), spans = [];
    if (!p) return spans;
    function add(field, value, label, detail) {
      if (value.span) spans.push({ s: value.span[0], e: value.span[1], field: field, label: label, detail: detail, value: value });
    }
    function actor(field) {
      return function (a) {
        add(field, a, FIELD_NAMES[field], esc(a.name) + " · " +
          (a.code ? '<span class="code">' + esc(a.code) + "</span>" : "no code") + " · " + esc(a.kind) +
          (a.grounding === "fuzzy" ? " · fuzzy match of “" + esc(a.mention) + "”" : ""));
      };
    }
    p.parties.forEach(actor("party"));
    p.adversaries.forEach(actor("adversary"));
    p.provisions.forEach(function (v) {
      var amount = v.amount ? " · amount " + esc(v.amount.value.toLocaleString("en")) + " " + esc(v.amount.unit) : "";
      add("provision", v, "provision", esc(v.category.replace(/_/g, " ")) + amount +
        (v.grounding === "fuzzy" ? " · fuzzy" : ""));
    });
    p.date_hints.forEach(function (d) {
      add("date_hint", d, "date hint", esc(d.type) + " · value " +
        (d.value ? '<span class="code">' + esc(d.value) + "</span>" : "unknown"));
    });
    p.rationale.forEach(function (x) {
      add("rationale", x, "rationale", "why the pact is made" + (x.grounding === "fuzzy" ? " · fuzzy match" : ""));
    });
    return spans;
  }

  /* The text cut at every span boundary; each piece is marked with all the spans over it,
   * so overlapping and crossing spans (a rationale across a provision) stay readable. */
  function highlighted(text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(Math.min(s.s, text.length), Math.min(s.e, text.length)); });
    cuts = unique(cuts).sort(function (a, b) { return a - b; });
    var html = [];
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], b = cuts[c + 1], piece = text.slice(a, b);
      var over = [];
      for (var k = 0; k < spans.length; k++) if (spans[k].s <= a && spans[k].e >= b && spans[k].e > spans[k].s) over.push(k);
      if (!over.length) { html.push(esc(piece)); continue; }
      var fields = unique(over.map(function (k) { return spans[k].field; }));
      var fill = over.filter(function (k) { return spans[k].field !== "rationale"; })
        .sort(function (x, y) { return (spans[x].e - spans[x].s) - (spans[y].e - spans[y].s); })[0];
      var style = fill !== undefined && spans[fill].field === "provision" ?
        ' style="background:' + categoryColor(spans[fill].value.category) + '"' : "";
      var classes = fields.map(function (f) { return "f-" + f; }).join(" ") + (over.length > 1 ? " multi" : "");
      var cats = over.filter(function (k) { return spans[k].field === "provision"; })
        .map(function (k) { return spans[k].value.category; });
      html.push('<mark class="hl ' + classes + '" tabindex="0" data-k="' + over.join(",") +
        '" data-fields="' + fields.join(" ") + '"' + (cats.length ? ' data-categories="' + cats.join(" ") + '"' : "") +
        style + ">" + esc(piece) + "</mark>");
    }
    return html.join("");
  }

  function legend(spans) {
    var fields = unique(spans.map(function (s) { return s.field; }));
    var out = [];
    ["party", "adversary", "date_hint"].forEach(function (f) {
      if (fields.indexOf(f) >= 0) out.push('<span class="hl f-' + f + '" style="background:var(--' +
        (f === "date_hint" ? "date" : f) + ')">' + FIELD_NAMES[f] + "</span>");
    });
    unique(spans.filter(function (s) { return s.field === "provision"; }).map(function (s) { return s.value.category; }))
      .forEach(function (c) {
        out.push('<span style="background:' + categoryColor(c) + '">' + esc(c.replace(/_/g, " ")) + "</span>");
      });
    if (fields.indexOf("rationale") >= 0) out.push('<span class="lg-rationale">rationale</span>');
    return out.length ? '<div class="legend" aria-label="Legend">' + out.join("") + "</div>" : "";
  }

  var currentSpans = [];

  function showTip(mark) {
    var ks = mark.getAttribute("data-k").split(",");
    tipEl.innerHTML = ks.map(function (k) {
      var s = currentSpans[+k];
      return "<div><b>" + esc(s.label) + "</b> " + s.detail + "</div>";
    }).join("");
    tipEl.hidden = false;
    var box = mark.getBoundingClientRect();
    var top = box.bottom + 6;
    if (top + tipEl.offsetHeight > window.innerHeight) top = box.top - tipEl.offsetHeight - 6;
    tipEl.style.top = Math.max(4, top) + "px";
    tipEl.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tipEl.offsetWidth - 8)) + "px";
    mark.setAttribute("aria-describedby", "tip");
    mark.classList.add("on");
  }

  function hideTip() {
    tipEl.hidden = true;
    var on = detailEl.querySelectorAll("mark.on");
    for (var k = 0; k < on.length; k++) { on[k].classList.remove("on"); on[k].removeAttribute("aria-describedby"); }
  }

  /* ------------------------------------------------------------ the record */

  function actorsHtml(actors) {
    if (!actors.length) return '<span class="sub">none</span>';
    return actors.map(function (a) {
      return '<span class="item">' + esc(a.name) + " " + (a.code ? '<span class="code">' + esc(a.code) + "</span>" : "") +
        (a.grounding === "ungrounded" ? ' <span class="ungrounded">ungrounded</span>' : "") + "</span>";
    }).join("");
  }

  function listHtml(items, show) {
    if (!items.length) return '<span class="sub">none</span>';
    return items.map(function (x) {
      return '<div>' + show(x) + (x.grounding === "ungrounded" ? ' <span class="ungrounded">ungrounded</span>' : "") + "</div>";
    }).join("");
  }

  function fieldsHtml(p) {
    return '<table class="fields"><tbody>' +
      "<tr><th>name</th><td>" + (p.name ? esc(p.name) : '<span class="sub">none</span>') + "</td></tr>" +
      "<tr><th>status</th><td>" + esc(p.status) + "</td></tr>" +
      "<tr><th>event</th><td>" + esc(p.event.replace(/_/g, " ")) + "</td></tr>" +
      "<tr><th>parties</th><td>" + actorsHtml(p.parties) + "</td></tr>" +
      "<tr><th>adversaries</th><td>" + actorsHtml(p.adversaries) + "</td></tr>" +
      "<tr><th>provisions</th><td>" + listHtml(p.provisions, function (v) {
        return '<span class="code">' + esc(v.category) + "</span> " + esc(v.text) +
          (v.amount ? " (" + esc(v.amount.value.toLocaleString("en")) + " " + esc(v.amount.unit) + ")" : "");
      }) + "</td></tr>" +
      "<tr><th>date hints</th><td>" + listHtml(p.date_hints, function (d) {
        return esc(d.text) + " · " + esc(d.type) + (d.value ? ' <span class="code">' + esc(d.value) + "</span>" : "");
      }) + "</td></tr>" +
      "<tr><th>rationale</th><td>" + listHtml(p.rationale, function (x) { return esc(x.text); }) + "</td></tr>" +
      "<tr><th>backend</th><td>" + esc(p.backend || "?") + (p.model ? " · " + esc(p.model) : "") + "</td></tr>" +
      "</tbody></table>";
  }

  function flagsHtml(r) {
    var p = pactOf(r);
    if (!p) {
      var nopact = r.kind === "nopact";
      return '<div class="errorbox' + (nopact ? " nopact" : "") + '"><h3>' +
        (nopact ? "No pact: " : "Error: ") + esc(r.error ? r.error.type : "unknown") + "</h3>" +
        esc(r.error ? r.error.message : "") + "</div>";
    }
    if (!r.flagged) return '<div class="clean">✓ The backend stands behind every field (no review reason, no warning).</div>';
    var items = (p.review || []).map(function (x) {
      return '<li><span class="field">' + esc(x.field) + "</span>: " + esc(x.why) + "</li>";
    }).concat((p.warnings || []).map(function (w) { return "<li>warning: " + esc(w) + "</li>"; }));
    return '<div class="flags"><h3>Check</h3><ul>' + items.join("") + "</ul></div>";
  }

  function goldText(gold) {
    if (gold === null) return '"gold": null  (no pact in this text)';
    return JSON.stringify(gold);
  }

  function decideHtml(r) {
    var d = decisions[r.i];
    var hasText = typeof r.text === "string" && r.text.length > 0;
    var buttons = "";
    if (r.raw) buttons += '<button id="accept" type="button" class="primary" title="a">Accept</button>';
    buttons += '<button id="edit" type="button" title="e">' + (r.raw ? "Correct…" : "Annotate as a pact…") + "</button>";
    buttons += '<button id="nopact" type="button" title="x">' + (r.kind === "nopact" ? "Confirm: no pact" : "Not a pact") + "</button>";
    if (d) buttons += '<button id="undo" type="button" title="u">Undo</button>';
    var state = d ? '<span class="state done" id="state">' + esc(d.state) + "</span>" :
      '<span class="state" id="state">not reviewed</span>';
    return '<div class="decide"><div class="buttons">' + buttons + state + "</div>" +
      (hasText ? "" : '<div class="ungrounded">This row has no text, so it cannot be exported as gold: ' +
        "extract with --include-text, or give INPUT to pactparse review.</div>") +
      (d ? '<div class="gold" id="gold">' + esc(goldText(d.gold)) + "</div>" : "") +
      '<div id="form-slot"></div></div>';
  }

  function renderDetail() {
    var r = RECORDS[current];
    if (!r) { detailEl.innerHTML = '<div class="empty">No record selected.</div>'; currentSpans = []; return; }
    currentSpans = spansOf(r);
    var hasText = typeof r.text === "string";
    var text = hasText ? '<div class="text" id="text">' + highlighted(r.text, currentSpans) + "</div>" :
      '<div class="text missing" id="text">The text of this row is not in the output: extract with ' +
      "--include-text, or give the input file to pactparse review.</div>";
    var sub = '<div class="sub">line ' + r.line + (r.ref ? " · reference date " + esc(r.ref) : "") +
      (r.raw ? ' · <span class="badge">' + esc(r.status) + '</span><span class="badge">' +
        esc(r.event.replace(/_/g, " ")) + "</span>" : "") + "</div>";
    detailEl.innerHTML = "<h2>" + esc(r.id) + "</h2>" + sub + flagsHtml(r) + text +
      (r.raw ? legend(currentSpans) + fieldsHtml(pactOf(r)) : "") + decideHtml(r);
    detailEl.scrollTop = 0;
  }

  function refreshAfterDecision(r) {
    updateProgress();
    if (r.i === current) renderDetail();
    renderList();
  }

  /* ------------------------------------------------------------ corrections */

  var CODES = META.actors || {};
  var CODE_OF_NAME = {};
  Object.keys(CODES).forEach(function (c) { CODE_OF_NAME[CODES[c].toLowerCase()] = c; });

  /* A typed actor as gold writes it: a known code or canonical name becomes the code
   * ("aus", "Japan" → AUS, JPN); anything else is an actor with no code, lowercased. */
  function actorCode(entry) {
    var up = entry.toUpperCase();
    if (CODES[up]) return up;
    return CODE_OF_NAME[entry.toLowerCase()] || entry.toLowerCase();
  }

  function splitActors(value) {
    return unique(value.split(/[,;]/).map(function (s) { return s.trim(); }).filter(Boolean).map(actorCode));
  }

  function describeActors(value) {
    var codes = splitActors(value);
    return codes.length ? "→ " + codes.map(function (c) {
      return CODES[c] ? c + " (" + CODES[c] + ")" : c + " (no code)";
    }).join(", ") : "→ none";
  }

  function openForm() {
    var r = RECORDS[current];
    if (!r) return;
    var d = decisions[r.i];
    var gold = (d && d.gold) || predictedGold(r) || {
      name: null, status: "", event: "", parties: [], adversaries: [], provisions: [], date_hints: [], rationale: []
    };
    function options(values, chosen) {
      return (chosen ? "" : '<option value="">choose…</option>') + values.map(function (v) {
        return '<option value="' + esc(v) + '"' + (v === chosen ? " selected" : "") + ">" + esc(v.replace(/_/g, " ")) + "</option>";
      }).join("");
    }
    var cats = META.categories.map(function (c) {
      return '<label><input type="checkbox" name="c-prov" value="' + esc(c) + '"' +
        (gold.provisions.indexOf(c) >= 0 ? " checked" : "") + "> " + esc(c.replace(/_/g, " ")) + "</label>";
    }).join("");
    $("form-slot").innerHTML = '<form class="correct" id="correct">' +
      '<label for="c-name">name</label><input type="text" id="c-name" value="' + esc(gold.name || "") + '">' +
      '<div class="hint">as the text gives it; empty when the text names none</div>' +
      '<label for="c-status">status</label><select id="c-status" required>' + options(META.statuses, gold.status) + "</select>" +
      '<label for="c-event">event</label><select id="c-event" required>' + options(META.events, gold.event) + "</select>" +
      '<label for="c-parties">parties</label><input type="text" id="c-parties" value="' + esc(gold.parties.join(", ")) + '">' +
      '<div class="hint" id="c-parties-seen">' + esc(describeActors(gold.parties.join(","))) + "</div>" +
      '<label for="c-adversaries">adversaries</label><input type="text" id="c-adversaries" value="' + esc(gold.adversaries.join(", ")) + '">' +
      '<div class="hint" id="c-adversaries-seen">' + esc(describeActors(gold.adversaries.join(","))) + "</div>" +
      '<div class="hint">comma-separated codes or names (AUS, Japan, NATO); an actor with no code is kept as its lowercase name</div>' +
      '<label>provisions</label><div class="cats">' + cats + "</div>" +
      '<div class="actions"><button type="submit" id="c-save" class="primary">Save correction</button>' +
      '<button type="button" id="c-cancel">Cancel</button></div></form>';
    $("c-name").focus();
  }

  function saveForm() {
    var r = RECORDS[current];
    var status = $("c-status").value, event = $("c-event").value;
    if (!status || !event) { say("Choose a status and an event first.", true); return; }
    var base = predictedGold(r);
    var provisions = Array.prototype.map.call(
      detailEl.querySelectorAll("input[name=c-prov]:checked"), function (el) { return el.value; });
    var gold = {
      name: $("c-name").value.trim() || null, status: status, event: event,
      parties: splitActors($("c-parties").value), adversaries: splitActors($("c-adversaries").value),
      provisions: provisions,
      date_hints: base ? base.date_hints : [], rationale: base ? base.rationale : []
    };
    decide(r, base && sameGold(gold, base) ? "accepted" : "corrected", gold);
    say(r.id + ": saved.");
  }

  /* ------------------------------------------------------------ export */

  function goldLines() {
    var lines = [], skipped = 0, used = {};
    RECORDS.forEach(function (r) {
      var d = decisions[r.i];
      if (!d) return;
      if (typeof r.text !== "string" || !r.text.length) { skipped++; return; }
      var id = r.id;
      if (used[id]) id = r.id + "@line-" + r.line;
      used[id] = true;
      lines.push(JSON.stringify({ id: id, text: r.text, reference_date: r.ref || null, gold: d.gold }));
    });
    return { lines: lines, skipped: skipped };
  }

  function exportGold() {
    if (!loaded) { say("Still reading the records; export in a moment.", true); return; }
    var out = goldLines();
    if (!out.lines.length) { say("Nothing to export yet: accept or correct a record first.", true); return; }
    var blob = new Blob([out.lines.join("\n") + "\n"], { type: "application/x-ndjson" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "gold-" + META.dataset + ".jsonl";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say("Exported " + out.lines.length + " reviewed records" +
      (out.skipped ? " (" + out.skipped + " without text left out)" : "") + ".");
  }

  /* ------------------------------------------------------------ chrome */

  var sayTimer = 0;
  function say(text, bad) {
    var el = $("msg");
    el.textContent = text;
    el.className = bad ? "bad" : "";
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () { el.textContent = ""; }, 6000);
  }

  function updateProgress() {
    var done = Object.keys(decisions).length, flagged = 0;
    RECORDS.forEach(function (r) { if (r.flagged && decisions[r.i] === undefined) flagged++; });
    $("progress").textContent = done.toLocaleString() + " of " + RECORDS.length.toLocaleString() +
      " reviewed · " + flagged.toLocaleString() + " flagged left" + (storageOk ? "" : " · NOT SAVED");
  }

  function toggleHelp(show) {
    $("help").hidden = show === undefined ? !$("help").hidden : !show;
    if (!$("help").hidden) $("help-close").focus();
  }

  ["f-review", "f-decided", "f-kind", "f-status", "f-event", "f-category", "f-errtype"].forEach(function (id) {
    $(id).addEventListener("change", applyFilters);
  });
  var searchTimer = 0;
  $("q").addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applyFilters, 120);
  });
  listEl.addEventListener("scroll", scheduleList);
  window.addEventListener("resize", scheduleList);
  innerEl.addEventListener("click", function (ev) {
    var row = ev.target.closest(".row");
    if (row) select(+row.getAttribute("data-i"));
  });
  $("export").addEventListener("click", exportGold);
  $("help-button").addEventListener("click", function () { toggleHelp(); });
  $("help-close").addEventListener("click", function () { toggleHelp(false); });

  detailEl.addEventListener("click", function (ev) {
    var r = RECORDS[current];
    var id = ev.target.id;
    if (!r) return;
    if (id === "accept" && r.raw) { decide(r, "accepted", predictedGold(r)); say(r.id + ": accepted."); }
    else if (id === "nopact") { decide(r, "nopact", null); say(r.id + ": no pact."); }
    else if (id === "edit") openForm();
    else if (id === "undo") { undo(r); say(r.id + ": decision undone."); }
    else if (id === "c-cancel") $("form-slot").innerHTML = "";
  });
  detailEl.addEventListener("submit", function (ev) { ev.preventDefault(); saveForm(); });
  detailEl.addEventListener("input", function (ev) {
    var id = ev.target.id;
    if (id === "c-parties" || id === "c-adversaries") $(id + "-seen").textContent = describeActors(ev.target.value);
  });
  detailEl.addEventListener("mouseover", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark.hl");
    if (m) showTip(m);
  });
  detailEl.addEventListener("mouseout", function (ev) {
    if (ev.target.closest && ev.target.closest("mark.hl")) hideTip();
  });
  detailEl.addEventListener("focusin", function (ev) {
    if (ev.target.matches("mark.hl")) showTip(ev.target);
  });
  detailEl.addEventListener("focusout", function (ev) {
    if (ev.target.matches("mark.hl")) hideTip();
  });
  detailEl.addEventListener("scroll", hideTip);

  document.addEventListener("keydown", function (ev) {
    var t = ev.target, typing = t.matches && t.matches("input, select, textarea");
    if (ev.key === "Escape") {
      if (!$("help").hidden) toggleHelp(false);
      else if (typing) t.blur();
      hideTip();
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var r = RECORDS[current];
    switch (ev.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "n": nextToReview(); break;
      case "a": if (r && r.raw) { decide(r, "accepted", predictedGold(r)); say(r.id + ": accepted."); } break;
      case "x": if (r) { decide(r, "nopact", null); say(r.id + ": no pact."); } break;
      case "e": openForm(); break;
      case "u": if (r && decisions[r.i]) { undo(r); say(r.id + ": decision undone."); } break;
      case "/": $("q").focus(); break;
      case "?": toggleHelp(); break;
      default: return;
    }
    ev.preventDefault();
  });

  /* ------------------------------------------------------------ start */

  addRecords(DATA.records);
  DATA = null;
  fillErrorTypes();
  updateProgress();
  applyFilters();
  if (!storageOk) say("This browser keeps no local storage here: decisions last until the page closes.", true);
  var timing = { firstScreen: performance.now(), firstPaint: null, ready: null };
  window.pactparseReview = {
    timing: timing,
    goldLines: function () { return goldLines().lines; }
  };
  requestAnimationFrame(function () { timing.firstPaint = performance.now(); });

  function readRest() {
    var rest = document.getElementById("pp-rest");
    addRecords(rest ? JSON.parse(rest.textContent) : []);
    if (rest) rest.remove();
    loaded = true;
    saved = {};
    fillErrorTypes();
    updateProgress();
    applyFilters();
    timing.ready = performance.now();
    document.documentElement.setAttribute("data-ready", "true");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", readRest);
  else readRest();
})();
