/* FieldApp's place names on the map, and the marker of "Go to".
 *
 * Started after FieldAppMap by the folium page with FieldAppPlaces.start(map, control,
 * config). From zoom config.texts.labelsMinZoom up, each view asks the app for the
 * gazetteer's names of that view (config.texts.labelsUrl, served by the fieldapp: scheme
 * from a worker): most populous first, already without overlaps. Only the newest answer
 * is drawn. The layer is listed in the layer control ("Place names") so that it can be
 * switched off over tile sets that have names of their own. Qt calls goTo(lat, lon,
 * zoom, label) when Go to lands somewhere.
 *
 * Names come from data files: they are shown with textContent, never as markup.
 */
(function () {
  "use strict";

  var WAIT_MS = 150;  // the map settles after a pan before the names are asked for

  var state = {
    map: null, layer: null, texts: {}, asked: 0, shown: 0, timer: null,
    landing: null, note: null
  };

  function labelIcon(name, population) {
    var box = document.createElement("div");
    var span = document.createElement("span");
    span.className = "fa-place-name" + (population >= 100000 ? " fa-place-big" : "");
    span.textContent = name;
    box.appendChild(span);
    return L.divIcon({
      className: "fa-place", html: box.innerHTML, iconSize: null, iconAnchor: [0, 0]
    });
  }

  function draw(document_, seq) {
    if (seq < state.shown) return;  // an older answer came late
    state.shown = seq;
    state.layer.clearLayers();
    var labels = document_.labels || [];
    for (var i = 0; i < labels.length; i++) {
      var row = labels[i];
      L.marker([row[1], row[2]], {
        icon: labelIcon(String(row[0]), row[3] || 0), interactive: false, keyboard: false
      }).addTo(state.layer);
    }
    showMissing(Boolean(document_.missing));
  }

  function showMissing(missing) {
    if (!missing) {
      if (state.note) state.note.remove();
      state.note = null;
      return;
    }
    if (state.note) return;
    var note = L.control({ position: "bottomleft" });
    note.onAdd = function () {
      var element = document.createElement("div");
      element.className = "fa-places-missing";
      element.textContent = state.texts.placesMissing || "";
      return element;
    };
    state.note = note.addTo(state.map);
  }

  function ask() {
    var map = state.map, zoom = map.getZoom();
    if (!map.hasLayer(state.layer)) return;
    var seq = ++state.asked;
    if (zoom < (state.texts.labelsMinZoom || 7)) {
      draw({ labels: [] }, seq);
      return;
    }
    var b = map.getBounds();
    var url = state.texts.labelsUrl + "?w=" + b.getWest().toFixed(5) + "&s=" +
      b.getSouth().toFixed(5) + "&e=" + b.getEast().toFixed(5) + "&n=" +
      b.getNorth().toFixed(5) + "&z=" + zoom;
    fetch(url).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (document_) {
      if (document_) draw(document_, seq);
    }).catch(function () { /* a newer view was asked for: its answer will come */ });
  }

  function later() {
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(ask, WAIT_MS);
  }

  function escapeCredit(value) {
    var element = document.createElement("span");
    element.textContent = String(value);
    return element.innerHTML;
  }

  function start(map, control, config) {
    state.map = map;
    state.texts = (config && config.texts) || {};
    state.layer = L.layerGroup().addTo(map);
    if (control) control.addOverlay(state.layer, state.texts.placeNames || "Place names");
    // GeoNames' data is CC BY 4.0 and the COG's Licence Ouverte 2.0: both ask for credit.
    if (map.attributionControl && state.texts.placesCredit) {
      map.attributionControl.addAttribution(escapeCredit(state.texts.placesCredit));
    }
    map.on("moveend zoomend", later);
    map.on("overlayadd", function (event) { if (event.layer === state.layer) later(); });
    ask();
  }

  function goTo(lat, lon, zoom, label) {
    var map = state.map;
    if (state.landing) state.landing.remove();
    var icon = L.divIcon({ className: "fa-landing", iconSize: [18, 18], iconAnchor: [9, 9] });
    state.landing = L.marker([lat, lon], { icon: icon, keyboard: false }).addTo(map);
    var tip = document.createElement("span");
    tip.textContent = String(label);
    state.landing.bindTooltip(tip, { permanent: true, direction: "top", offset: [0, -8] });
    map.flyTo([lat, lon], zoom);
  }

  window.FieldAppPlaces = {
    start: start, goTo: goTo,
    names: function () {
      var names = [];
      state.layer.eachLayer(function (marker) {
        names.push(marker.getElement() ? marker.getElement().textContent : "");
      });
      return names;
    },
    shownSeq: function () { return state.shown; },
    landing: function () {
      if (!state.landing) return null;
      var at = state.landing.getLatLng();
      return [at.lat, at.lng, state.landing.getTooltip().getElement().textContent];
    }
  };
})();
