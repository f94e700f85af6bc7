"""The sync screen: the panel, its controller and worker, and the conflict view."""
