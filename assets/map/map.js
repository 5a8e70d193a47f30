// geomention HTML map (assets/map/map.js, embedded by src/export/html.rs).
// Every piece of document text reaches the page through textContent or text
// nodes, never as markup.
(function () {
  'use strict';
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var mentions = data('gm-mentions'); // [place, doc, sentence, start, end, source, kind]
  var places = data('gm-places');     // [name, lat, lon, country, code, id, admin1]
  var meta = data('gm-meta');
  var world = data('gm-world');
  var NARRATOR = '\u0000narrator';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // TopoJSON (quantized, delta-encoded arcs) to GeoJSON features.
  function topoFeatures(topo, name) {
    var t = topo.transform;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (!t) return p;
        x += p[0]; y += p[1];
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      });
    });
    function ring(ix) {
      var pts = [];
      ix.forEach(function (i, k) {
        var a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        pts = pts.concat(k ? a.slice(1) : a);
      });
      return pts;
    }
    function polygon(rings) { return rings.map(ring); }
    return topo.objects[name].geometries.filter(function (g) {
      return g.type === 'Polygon' || g.type === 'MultiPolygon';
    }).map(function (g) {
      return {
        type: 'Feature', properties: g.properties || {},
        geometry: { type: g.type, coordinates: g.type === 'Polygon' ? polygon(g.arcs) : g.arcs.map(polygon) }
      };
    });
  }

  var map = L.map('gm-map', { worldCopyJump: true });
  var outlines = L.geoJSON({ type: 'FeatureCollection', features: topoFeatures(world, 'countries') }, {
    interactive: false,
    style: { color: '#8c8c8c', weight: 0.7, fillColor: '#f4f0e6', fillOpacity: 1 }
  });
  var offline = L.layerGroup([outlines]).addTo(map);
  var bases = { 'Country outlines (offline)': offline };
  if (navigator.onLine) {
    // Requested only when the reader picks it.
    bases['OpenStreetMap (online)'] = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19, attribution: '&copy; OpenStreetMap contributors'
    });
  }
  L.control.layers(bases, null, { collapsed: false }).addTo(map);
  L.control.scale().addTo(map);

  // Sources and documents, with their mention counts.
  var sourceCount = new Map(), docCount = new Map();
  var byPlace = places.map(function () { return []; });
  mentions.forEach(function (m, i) {
    var s = m[5] || NARRATOR;
    sourceCount.set(s, (sourceCount.get(s) || 0) + 1);
    docCount.set(m[1], (docCount.get(m[1]) || 0) + 1);
    if (byPlace[m[0]]) byPlace[m[0]].push(i);
  });
  var shownSources = new Set(sourceCount.keys()), shownDocs = new Set(docCount.keys());
  function visible(m) { return shownSources.has(m[5] || NARRATOR) && shownDocs.has(m[1]); }

  function sentenceWithMark(m) {
    var cps = Array.from(m[2]);
    var li = el('li');
    li.appendChild(document.createTextNode(cps.slice(0, m[3]).join('')));
    li.appendChild(el('mark', null, cps.slice(m[3], m[4]).join('')));
    li.appendChild(document.createTextNode(cps.slice(m[4]).join('')));
    var who = m[5] ? m[5] + (m[6] ? ' (' + m[6] + ')' : '') : 'narrator';
    li.appendChild(el('div', 'gm-src', '\u2014 ' + who + ' \u00b7 ' + m[1]));
    return li;
  }

  function popup(i) {
    var p = places[i], box = el('div', 'gm-popup');
    box.appendChild(el('div', 'gm-title', p[0] + (p[3] ? ' (' + p[3] + ')' : '')));
    var shown = byPlace[i].filter(function (k) { return visible(mentions[k]); });
    var docs = new Set(shown.map(function (k) { return mentions[k][1]; }));
    box.appendChild(el('div', 'gm-sub', shown.length + ' mention' + (shown.length === 1 ? '' : 's') +
      ' in ' + docs.size + ' document' + (docs.size === 1 ? '' : 's') + ' \u00b7 ' +
      [p[4], p[6], p[5]].filter(Boolean).join(' \u00b7 ')));
    var ol = el('ol'), LIMIT = 200;
    shown.slice(0, LIMIT).forEach(function (k) { ol.appendChild(sentenceWithMark(mentions[k])); });
    box.appendChild(ol);
    if (shown.length > LIMIT) box.appendChild(el('div', 'gm-sub', '\u2026 and ' + (shown.length - LIMIT) + ' more'));
    return box;
  }

  var markerLayer = L.featureGroup().addTo(map);
  var markers = places.map(function (p, i) {
    var mk = L.circleMarker([p[1], p[2]], { color: '#8b1a1a', weight: 1.5, fillColor: '#e0452b', fillOpacity: 0.75 });
    mk.bindPopup(function () { return popup(i); }, { maxWidth: 440, maxHeight: 340 });
    mk.bindTooltip(p[0]);
    return mk;
  });

  var summary = document.getElementById('gm-summary');
  function update() {
    var n = 0, placesShown = 0, docs = new Set();
    markers.forEach(function (mk, i) {
      var c = 0;
      byPlace[i].forEach(function (k) {
        if (visible(mentions[k])) { c++; docs.add(mentions[k][1]); }
      });
      n += c;
      if (c > 0) {
        placesShown++;
        mk.setRadius(Math.min(40, 4 + 4 * Math.sqrt(c)));
        if (!markerLayer.hasLayer(mk)) markerLayer.addLayer(mk);
      } else if (markerLayer.hasLayer(mk)) {
        markerLayer.removeLayer(mk);
      }
    });
    summary.textContent = n + ' mention' + (n === 1 ? '' : 's') + ' of ' + placesShown + ' place' +
      (placesShown === 1 ? '' : 's') + ' in ' + docs.size + ' document' + (docs.size === 1 ? '' : 's');
  }

  function checklist(id, counts, shown, label) {
    var box = document.getElementById(id), inputs = [];
    Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a); }).forEach(function (k) {
      var row = el('label'), cb = el('input');
      cb.type = 'checkbox';
      cb.checked = true;
      cb.addEventListener('change', function () {
        if (cb.checked) shown.add(k); else shown.delete(k);
        update();
      });
      row.appendChild(cb);
      row.appendChild(el('span', 'gm-name', label(k)));
      row.appendChild(el('span', 'gm-count', String(counts.get(k))));
      box.appendChild(row);
      inputs.push([cb, k]);
    });
    function all(on) {
      inputs.forEach(function (x) { x[0].checked = on; if (on) shown.add(x[1]); else shown.delete(x[1]); });
      update();
    }
    document.getElementById(id + '-all').addEventListener('click', function () { all(true); });
    document.getElementById(id + '-none').addEventListener('click', function () { all(false); });
  }
  checklist('gm-sources', sourceCount, shownSources, function (k) { return k === NARRATOR ? 'narrator' : k; });
  checklist('gm-docs', docCount, shownDocs, function (k) { return k; });

  document.getElementById('gm-footer').textContent =
    'Made with geomention ' + meta.version + ' \u00b7 Gazetteer: ' + meta.gazetteer.join('; ') +
    ' \u00b7 ' + meta.credit + ' \u00b7 Country outlines: Natural Earth (public domain) via world-atlas (ISC) \u00b7 Map: Leaflet (BSD-2-Clause)';

  update();
  if (markerLayer.getLayers().length) {
    map.fitBounds(markerLayer.getBounds(), { padding: [40, 40], maxZoom: 7 });
  } else {
    map.setView([25, 20], 2);
  }
}());
