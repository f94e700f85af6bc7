"""The exercise desk's screens: the scenario, the clock, observer notes."""
