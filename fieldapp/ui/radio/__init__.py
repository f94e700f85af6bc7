"""The radio desk: traffic list, entry form, message view, printing."""
