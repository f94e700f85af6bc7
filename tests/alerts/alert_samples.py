"""The names of the 10 real CAP samples (tests/samples/cap/README.md), for parametrize."""

from __future__ import annotations

from pathlib import Path

CAP_SAMPLES = (
    "au_nsw_rfs_bushfire_cap12.xml", "ca_envcanada_cap12.xml",
    "fr_meteofrance_meteoalarm_cap12.xml", "ie_meteireann_meteoalarm_cap12.xml",
    "uk_metoffice_meteoalarm_cap12.xml", "us_amber_alert_bilingual_cap12.xml",
    "us_dhs_hsas_cap12.xml", "us_nws_thunderstorm_cap12.xml",
    "us_nws_wcatwc_tsunami_cap12.xml", "us_usgs_earthquake_cap11.xml",
)  # fmt: skip

DATA = Path(__file__).resolve().parent / "data"  # the files written for these tests


def samples():
    """The samples folder: $FIELDAPP_SAMPLES, else tests/samples."""
    import os
    from pathlib import Path

    default = Path(__file__).resolve().parents[1] / "samples"
    return Path(os.environ.get("FIELDAPP_SAMPLES", default)).resolve()
