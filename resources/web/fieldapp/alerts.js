/* FieldApp's layer of official alerts: the areas of the operation's active alerts.
 *
 * Started after FieldAppMap by the folium page with FieldAppAlerts.start(map, control,
 * config). Qt calls load(url, generation) with a GeoJSON FeatureCollection served by the
 * fieldapp: scheme (fieldapp/alerts/maplayer.py: least severe first, so the most severe
 * is drawn last, on top) and hears back through FieldAppMap.tell: alertsShown(generation,
 * count) once the areas are drawn, alertClicked(id) when one is clicked. The areas lie in
 * a pane of their own under the drawn areas and the report markers, filled and outlined
 * in the colour of their CAP severity; the layer is listed in the layer control.
 *
 * Headlines come from files anyone may send: they are shown with textContent, never as
 * markup.
 */
(function () {
  "use strict";

  // CAP severity -> [outline and fill colour, fill opacity]. Kept readable over the
  // basemap and under the report markers (whose own colours are brighter and opaque).
  var COLOURS = {
    Extreme: ["#7f0000", 0.35],
    Severe: ["#d84315", 0.28],
    Moderate: ["#f9a825", 0.25],
    Minor: ["#b0a04a", 0.2],
    Unknown: ["#8d8d8d", 0.2]
  };
  var PANE = "fa-alerts";

  var state = { map: null, layer: null, texts: {}, latest: 0, shown: 0 };

  function colourOf(severity) {
    return Object.prototype.hasOwnProperty.call(COLOURS, severity)
      ? COLOURS[severity] : COLOURS.Unknown;
  }

  function style(feature) {
    var colour = colourOf(feature.properties.severity);
    return {
      color: colour[0], fillColor: colour[0], fillOpacity: colour[1],
      weight: 2, opacity: 0.9
    };
  }

  function line(className, content) {
    var element = document.createElement("div");
    element.className = className;
    element.textContent = content;
    return element;
  }

  function describe(props) {
    var texts = state.texts, box = document.createElement("div");
    box.className = "fa-alert";
    if (props.exercise) box.appendChild(line("fa-alert-ex", texts.exercise || "EXERCISE"));
    // An Exercise message's CAP note: which exercise, which inject ("EXERCISE inject 12").
    if (props.note) box.appendChild(line("fa-alert-note", String(props.note)));
    box.appendChild(line("fa-alert-headline", String(props.headline || props.event || "")));
    var words = texts.alertSeverities || {};
    var severity = String(props.severity || "Unknown");
    var said = (texts.alertSeverity || "%1").replace("%1", words[severity] || severity);
    box.appendChild(line("fa-alert-severity fa-alert-" + colourKey(severity), said));
    return box;
  }

  function colourKey(severity) {
    return Object.prototype.hasOwnProperty.call(COLOURS, severity)
      ? severity.toLowerCase() : "unknown";
  }

  function onEach(feature, layer) {
    var props = feature.properties || {};
    layer.bindTooltip(describe(props), { sticky: true });
    layer.on("click", function (event) {
      // Placing a report or drawing: an alert's area is a place like any other there.
      if (window.FieldAppMap.busy()) return;
      L.DomEvent.stopPropagation(event);
      if (props.id) window.FieldAppMap.tell("alertClicked", String(props.id));
    });
  }

  function show(collection, generation) {
    state.layer.clearLayers();
    state.layer.addData(collection);
    state.shown = generation;
    var count = state.layer.getLayers().length;
    window.FieldAppMap.tell("alertsShown", generation, count);
  }

  function load(url, generation) {
    state.latest = generation;
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (collection) {
      if (generation === state.latest) show(collection, generation);
    }).catch(function (error) {
      if (generation !== state.latest) return;  // a newer layer is on its way
      show({ type: "FeatureCollection", features: [] }, generation);
      window.FieldAppMap.tell("pageFailed", String(error));
    });
  }

  function escapeHtml(value) {
    var element = document.createElement("span");
    element.textContent = String(value);
    return element.innerHTML;
  }

  function start(map, control, config) {
    state.map = map;
    state.texts = (config && config.texts) || {};
    // Above the tiles (200), under the drawn areas (overlay pane, 400) and the markers.
    map.createPane(PANE).style.zIndex = 350;
    state.layer = L.geoJSON(null, {
      style: style, onEachFeature: onEach, pmIgnore: true, pane: PANE
    }).addTo(map);
    // The layer control shows names as markup: give it escaped text.
    if (control) control.addOverlay(state.layer, escapeHtml(state.texts.alerts || "Official alerts"));
  }

  // A click ("click") or the pointer resting ("mouseover") on an alert's area, at its
  // middle or at `at` ([lat, lon]), for the tests, the self-test and the screenshots;
  // false if no area has that id.
  function touch(id, type, at) {
    var found = null;
    state.layer.eachLayer(function (layer) {
      if (!found && layer.feature && layer.feature.properties.id === id) found = layer;
    });
    if (!found) return false;
    var where = at ? L.latLng(at[0], at[1]) : found.getBounds().getCenter();
    found.fire(type || "click", { latlng: where, layer: found, target: found });
    return true;
  }

  function areas() {
    var list = [];
    state.layer.eachLayer(function (layer) {
      var props = layer.feature.properties;
      list.push([props.id, props.severity, layer.options.color]);
    });
    return list;
  }

  window.FieldAppAlerts = {
    start: start, load: load, touch: touch, areas: areas,
    shown: function () { return state.shown; },
    bounds: function () {
      var b = state.layer.getBounds();
      return b.isValid() ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null;
    }
  };
})();
