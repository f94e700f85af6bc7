"""Exports and imports (issue 17): GeoJSON, KML, GPX, CSV, uMap, Ushahidi, PFIF, sitreps."""
