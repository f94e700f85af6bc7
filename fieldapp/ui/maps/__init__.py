"""The map screen: the web view, its scheme and bridge, drawn features and the position box."""
