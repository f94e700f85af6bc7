"""Exercises (issue 16): scenarios, injects on the exercise clock, observations."""
