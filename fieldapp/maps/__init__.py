"""Map features and the map page: geometries, the features repository, the page and its data."""
