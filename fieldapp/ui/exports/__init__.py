"""The screens of exports, imports and the situation report (issue 17)."""
