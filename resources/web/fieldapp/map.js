/* FieldApp's map script: reports as clustered markers, drawing, and the bridge to Qt.
 *
 * Started by the folium page (fieldapp/map_page.py) with FieldAppMap.start(map, control,
 * config); the other scripts of the page (places.js, alerts.js) talk to Qt through its
 * `tell` and ask it whether a click is a place being picked (`busy`). Qt drives it with runJavaScript calls on FieldAppMap (loadReports, setExercise,
 * setLocationMode, showFeatures, flyTo, showReport) and hears back through the QWebChannel
 * object "bridge" (fieldapp/ui/map_bridge.py): clicks on reports, on the map and on saved
 * features, a placed or dragged location marker, the cursor position (and its leaving the
 * map), drawn shapes.
 *
 * Every text that comes from users or files is shown with textContent, never as markup;
 * the only HTML strings built here hold constants of this file.
 */
(function () {
  "use strict";

  var SHAPES = {
    observation: ["circle", "\u25CF"],
    request_for_help: ["diamond", "!"],
    missing_person: ["diamond", "?"],
    damage: ["square", "\u2716"],
    hazard: ["triangle", "!"],
    rumour: ["circle", "?"],
    information: ["square", "i"]
  };
  var CURSOR_EVERY_MS = 50;
  var CATEGORY_COLOURS = {
    flooded_area: "#1565c0", closed_road: "#c62828", evacuation_zone: "#ef6c00",
    danger_zone: "#b71c1c", shelter: "#2e7d32", meeting_point: "#6a1b9a", other: "#455a64"
  };

  // Phase marks (epoch ms) for bench/map_bench.py: when each step of a map's start ended.
  var marks = {};

  function mark(name) {
    marks[name] = performance.timeOrigin + performance.now();
  }

  mark("script");

  var state = {
    map: null, control: null, texts: {}, bridge: null, queue: [],
    cluster: null, markers: new Map(), icons: new Map(), latest: 0,
    exercise: false, exerciseLabel: null, drawn: null, features: null,
    locationId: null, locationAt: null, locationMarker: null, lastCursor: 0
  };

  function call(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (state.bridge) state.bridge[name].apply(state.bridge, args);
    else state.queue.push([name, args]);
  }

  function wrapLon(lon) {
    return ((((lon + 180) % 360) + 360) % 360) - 180;
  }

  function text(tag, className, content) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = content;
    return element;
  }

  function escapeHtml(value) {
    var element = document.createElement("span");
    element.textContent = String(value);
    return element.innerHTML;
  }

  function kindOf(kind) {
    return Object.prototype.hasOwnProperty.call(SHAPES, kind) ? kind : "observation";
  }

  function iconFor(kind, severity, exercise) {
    var key = kind + "/" + severity + "/" + exercise;
    var icon = state.icons.get(key);
    if (icon) return icon;
    var shape = SHAPES[kindOf(kind)];
    var sev = Math.min(5, Math.max(1, severity | 0));
    var html = '<span class="fa-glyph">' + shape[1] + "</span>";
    if (exercise) html += '<span class="fa-ex-badge">EX</span>';
    icon = L.divIcon({
      className: "fa-marker fa-shape-" + shape[0] + " fa-sev-" + sev + (exercise ? " fa-ex" : ""),
      html: html, iconSize: [22, 22], iconAnchor: [11, 11], tooltipAnchor: [10, 0],
      popupAnchor: [0, -10]
    });
    state.icons.set(key, icon);
    return icon;
  }

  // A cluster is filled with the colour of its mean severity, and ringed in red when it
  // holds a severity-5 report: the worst stays visible without turning every cluster red.
  function clusterIcon(cluster) {
    var sum = 0, worst = 1, exercise = false, children = cluster.getAllChildMarkers();
    for (var i = 0; i < children.length; i++) {
      var row = children[i].fa;
      sum += row[3];
      if (row[3] > worst) worst = row[3];
      if (row[6]) exercise = true;
    }
    var count = cluster.getChildCount();
    var mean = Math.min(5, Math.max(1, Math.round(sum / Math.max(1, children.length))));
    var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
    var wrapper = document.createElement("div");
    wrapper.appendChild(text("span", "fa-count", String(count)));
    return L.divIcon({
      html: wrapper.innerHTML,
      className: "fa-cluster fa-sev-" + mean + (worst === 5 ? " fa-worst" : "") +
        (exercise ? " fa-ex" : ""),
      iconSize: [size, size]
    });
  }

  function describe(row) {
    var texts = state.texts, box = document.createElement("div");
    box.className = "fa-report";
    if (row[6]) box.appendChild(text("div", "fa-report-ex", texts.exercise));
    box.appendChild(text("div", "fa-report-title", row[5]));
    var kind = (texts.kinds && texts.kinds[row[4]]) || row[4];
    var severity = (texts.severity || "%1").replace("%1", String(row[3]));
    box.appendChild(text("div", "fa-report-meta", kind + " \u00B7 " + severity));
    return box;
  }

  function onMarkerOver(event) {
    var marker = event.layer;
    if (!marker || !marker.fa) return;
    marker.bindTooltip(describe(marker.fa), { direction: "right" }).openTooltip();
  }

  function onMarkerOut(event) {
    if (event.layer && event.layer.unbindTooltip) event.layer.unbindTooltip();
  }

  function onMarkerClick(event) {
    var marker = event.layer;
    if (!marker || !marker.fa) return;
    if (state.locationId !== null) {  // placing a report: a marker is a place like any other
      onMapClick({ latlng: marker.getLatLng() });
      return;
    }
    openPopup(marker);
    call("reportClicked", marker.fa[0]);
  }

  function openPopup(marker) {
    marker.unbindTooltip();
    L.popup({ autoPan: true }).setLatLng(marker.getLatLng()).setContent(describe(marker.fa))
      .openOn(state.map);
  }

  function makeMarkers(rows) {
    var list = new Array(rows.length);
    state.markers = new Map();
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var marker = L.marker([row[1], row[2]], {
        icon: iconFor(row[4], row[3], row[6]), keyboard: false, pmIgnore: true
      });
      marker.fa = row;
      state.markers.set(row[0], marker);
      list[i] = marker;
    }
    return list;
  }

  function loadReports(url, generation) {
    state.latest = generation;
    mark("fetch");
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (doc) {
      if (generation !== state.latest) return;
      mark("parsed");
      showReports(doc, generation);
    }).catch(function (error) {
      if (generation !== state.latest) return;  // a newer document is on its way
      call("pageFailed", String(error));
    });
  }

  function showReports(doc, generation) {
    dropLocationMarker();
    state.cluster.clearLayers();
    setExercise(doc.exercise);
    var list = makeMarkers(doc.rows);
    mark("markers");
    var finished = function () {
      if (generation !== state.latest) return;
      mark("clustered");
      requestAnimationFrame(function () { mark("painted"); });
      placeLocationMarker();
      setTimeout(function () { call("reportsShown", generation, list.length); }, 0);
    };
    if (!list.length) { finished(); return; }
    state.cluster.options.chunkProgress = function (done, total) {
      if (done === total) finished();
    };
    state.cluster.addLayers(list);
  }

  function setExercise(exercise) {
    state.exercise = !!exercise;
    state.exerciseLabel.style.display = state.exercise ? "block" : "none";
  }

  function dropLocationMarker() {
    if (!state.locationMarker) return;
    state.map.removeLayer(state.locationMarker);
    var marker = state.markers.get(state.locationId);
    if (marker) state.cluster.addLayer(marker);
    state.locationMarker = null;
  }

  function placeLocationMarker() {
    var id = state.locationId;
    if (id === null) return;
    var marker = state.markers.get(id);
    if (marker) state.cluster.removeLayer(marker);
    var where = state.locationAt || (marker && marker.getLatLng());
    if (!where) return;
    var row = marker ? marker.fa : [id, where.lat, where.lng, 3, "observation", "", state.exercise];
    var moving = L.marker(where, {
      icon: iconFor(row[4], row[3], row[6]), draggable: true, autoPan: true, zIndexOffset: 1000
    });
    moving.fa = row;
    moving.on("dragend", function () {
      var at = moving.getLatLng();
      state.locationAt = at;
      call("markerMoved", id, at.lat, wrapLon(at.lng));
    });
    moving.addTo(state.map);
    L.DomUtil.addClass(moving.getElement(), "fa-moving");
    state.locationMarker = moving;
  }

  // `at` ([lat, lon] or null) is where the report is now, saved or not: the editor's fields.
  function setLocationMode(id, at) {
    dropLocationMarker();
    state.locationId = id;
    state.locationAt = at ? L.latLng(at[0], at[1]) : null;
    state.map.getContainer().classList.toggle("fa-locating", id !== null);
    placeLocationMarker();
    if (state.locationMarker) {
      state.map.setView(state.locationMarker.getLatLng(), Math.max(state.map.getZoom(), 12));
    }
  }

  function onMapClick(event) {
    var at = event.latlng;
    if (state.locationId !== null) {
      state.locationAt = at;
      if (state.locationMarker) state.locationMarker.setLatLng(at);
      else placeLocationMarker();
    }
    call("mapClicked", at.lat, wrapLon(at.lng));
  }

  function onMouseMove(event) {
    var now = Date.now();
    if (now - state.lastCursor < CURSOR_EVERY_MS) return;
    state.lastCursor = now;
    call("cursorMoved", event.latlng.lat, wrapLon(event.latlng.lng));
  }

  function showFeatures(collection) {
    state.drawn.clearLayers();
    state.features.clearLayers();
    state.features.addData(collection);
  }

  function categoryColour(feature) {
    var category = (feature && feature.properties && feature.properties.category) || "other";
    return Object.prototype.hasOwnProperty.call(CATEGORY_COLOURS, category)
      ? CATEGORY_COLOURS[category] : CATEGORY_COLOURS.other;
  }

  function featureStyle(feature) {
    var colour = categoryColour(feature);
    return { color: colour, fillColor: colour, weight: 3, fillOpacity: 0.2 };
  }

  function featurePoint(feature, latlng) {
    return L.circleMarker(latlng, { radius: 8, weight: 3, fillOpacity: 0.6 });
  }

  function describeFeature(props) {
    var box = document.createElement("div");
    box.className = "fa-feature";
    box.appendChild(text("div", "fa-feature-name", String(props.name || "")));
    var labels = state.texts.categories || {};
    var category = String(props.category || "");
    box.appendChild(text("div", "fa-feature-category", labels[category] || category));
    return box;
  }

  function featureTooltip(feature, layer) {
    var props = feature.properties || {};
    layer.bindTooltip(describeFeature(props), { sticky: true });
    layer.on("click", function (event) {
      L.DomEvent.stopPropagation(event);
      if (state.locationId !== null || (state.map.pm && state.map.pm.globalDrawModeEnabled())) {
        onMapClick(event);
        return;
      }
      if (props.id) call("featureClicked", String(props.id));
    });
  }

  function onAreaDrawn(event) {
    state.drawn.addLayer(event.layer);
    call("areaDrawn", JSON.stringify(event.layer.toGeoJSON()));
  }

  function onMouseLeave() {
    state.lastCursor = 0;
    call("cursorLeft");
  }

  function setUpDrawing(map, lang) {
    if (!map.pm) return;
    if (lang && lang !== "en") map.pm.setLang(lang);
    map.pm.addControls({
      position: "topleft", drawMarker: false, drawCircleMarker: true, drawPolyline: true,
      drawCircle: false, drawText: false, editMode: false, dragMode: false,
      cutPolygon: false, removalMode: false, rotateMode: false
    });
    map.pm.setGlobalOptions({ layerGroup: state.drawn });
    map.on("pm:create", onAreaDrawn);
  }

  // leaflet-geoman gives every Leaflet marker it sees an editing helper, clusters
  // included: reports and clusters are never edited with it, and 10,000 reports make
  // tens of thousands of cluster objects, so it is told to leave them alone.
  function ignoreClustersInGeoman() {
    if (L.MarkerCluster && Object.prototype.hasOwnProperty.call(L.MarkerCluster.prototype, "options")) {
      L.MarkerCluster.mergeOptions({ pmIgnore: true });
    }
  }

  function setUpLayers(map, control, texts) {
    ignoreClustersInGeoman();
    // Clustering stops at street level (zoom 15, ~3 m a pixel, a view ~4 km wide):
    // markercluster builds its grid for every zoom it clusters at, and the deepest levels,
    // where nearly every marker is its own cluster, cost the most (10,000 reports:
    // addLayers ~40 % faster with 16 than with 18, and again ~25 % with 15 than with 16).
    state.cluster = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 150, chunkDelay: 10, showCoverageOnHover: false,
      maxClusterRadius: 60, iconCreateFunction: clusterIcon, disableClusteringAtZoom: 15
    });
    state.cluster.on("click", onMarkerClick);
    state.cluster.on("mouseover", onMarkerOver);
    state.cluster.on("mouseout", onMarkerOut);
    state.cluster.addTo(map);
    state.features = L.geoJSON(null, {
      style: featureStyle, pointToLayer: featurePoint, onEachFeature: featureTooltip
    }).addTo(map);
    state.drawn = L.featureGroup().addTo(map);
    // The layer control shows names as markup: give it escaped text.
    control.addOverlay(state.cluster, escapeHtml(texts.reports || "Reports"));
    control.addOverlay(state.features, escapeHtml(texts.areas || "Areas"));
  }

  function start(map, control, config) {
    mark("start");
    state.map = map;
    state.control = control;
    state.texts = config.texts || {};
    setUpLayers(map, control, state.texts);
    state.exerciseLabel = text("div", "fa-exercise-label", state.texts.exercise || "EXERCISE");
    state.exerciseLabel.style.display = "none";
    map.getContainer().appendChild(state.exerciseLabel);
    map.on("click", onMapClick);
    map.on("mousemove", onMouseMove);
    map.getContainer().addEventListener("mouseleave", onMouseLeave);
    setUpDrawing(map, state.texts.lang);
    if (window.qt && window.qt.webChannelTransport) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        mark("channel");
        state.bridge = channel.objects.bridge;
        state.queue.splice(0).forEach(function (item) {
          state.bridge[item[0]].apply(state.bridge, item[1]);
        });
        call("pageLoaded");
      });
    }
  }

  function showReport(id) {
    var marker = state.markers.get(id);
    if (!marker) return false;
    state.cluster.zoomToShowLayer(marker, function () { openPopup(marker); });
    return true;
  }

  function clickReport(id) {
    var marker = state.markers.get(id);
    if (!marker) return false;
    state.cluster.zoomToShowLayer(marker, function () { marker.getElement().click(); });
    return true;
  }

  // What a user's mouse would do, for the tests and the self-test: a Leaflet event at a
  // position ("click", "mousemove"), or the cursor leaving the map ("mouseleave").
  function simulate(type, lat, lon) {
    if (type === "mouseleave") {
      state.map.getContainer().dispatchEvent(new MouseEvent("mouseleave"));
      return;
    }
    var latlng = L.latLng(lat, lon);
    state.map.fire(type, {
      latlng: latlng, layerPoint: state.map.latLngToLayerPoint(latlng),
      containerPoint: state.map.latLngToContainerPoint(latlng), originalEvent: null
    });
  }

  // A shape drawn with the drawing tools (what geoman fires when one is finished).
  function simulateDrawing(geojson) {
    var layer = L.geoJSON(geojson).getLayers()[0];
    state.map.fire("pm:create", { layer: layer, shape: "Polygon" });
  }

  // A click ("click") or the pointer resting ("mouseover") on a saved feature.
  function touchFeature(id, type) {
    var found = false;
    state.features.eachLayer(function (layer) {
      if (!found && layer.feature && layer.feature.properties.id === id) {
        found = true;
        var at = layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng();
        layer.fire(type || "click", { latlng: at, layer: layer, target: layer });
      }
    });
    return found;
  }

  function featureNames() {
    var names = [];
    state.features.eachLayer(function (layer) {
      if (layer.feature) names.push(String(layer.feature.properties.name));
    });
    return names;
  }

  // Placing a report or drawing a shape: a click on a layer is a click on the map.
  function busy() {
    return state.locationId !== null || !!(state.map.pm && state.map.pm.globalDrawModeEnabled());
  }

  window.FieldAppMap = {
    start: start, tell: call, busy: busy, loadReports: loadReports, setExercise: setExercise,
    setLocationMode: setLocationMode, showFeatures: showFeatures, showReport: showReport,
    clickReport: clickReport, touchFeature: touchFeature, featureNames: featureNames,
    simulate: simulate, simulateDrawing: simulateDrawing,
    drawnCount: function () { return state.drawn.getLayers().length; },
    flyTo: function (lat, lon, zoom) { state.map.flyTo([lat, lon], zoom); },
    center: function () { var c = state.map.getCenter(); return [c.lat, c.lng]; },
    // The view, kept by the window across a rebuilt page (another language, new tiles).
    view: function () { var c = state.map.getCenter(); return [c.lat, c.lng, state.map.getZoom()]; },
    setView: function (lat, lon, zoom) { state.map.setView([lat, lon], zoom, { animate: false }); },
    markerCount: function () { return state.markers.size; },
    marks: function () { return marks; },
    locationAt: function () {
      return state.locationMarker ? [state.locationMarker.getLatLng().lat,
        state.locationMarker.getLatLng().lng] : null;
    }
  };
})();
