"""The alerts and outreach desk's screens: official alerts, public messages, rumours."""
