"""Every real CAP sample (tests/samples/cap): what the alerts desk reads from each, times in
UTC, areas as (lon, lat), text as plain text; and each survives the JSON round trip."""

from __future__ import annotations

import json

import pytest
from alert_samples import CAP_SAMPLES

from fieldapp.alerts.cap import CapAlert, alert_from_json, alert_to_json, parse_cap

ISO_UTC = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def read(cap_sample, name: str) -> CapAlert:
    return parse_cap(cap_sample(name), source=name)


@pytest.mark.parametrize("name", CAP_SAMPLES)
def test_every_sample_parses_and_survives_the_json_round_trip(cap_sample, name):
    alert = read(cap_sample, name)
    assert alert.identifier and alert.sender and alert.infos
    assert alert.warnings == ()  # all 10 validate against the OASIS schema
    stored = json.loads(json.dumps(alert_to_json(alert)))  # what the store keeps: JSON text
    assert alert_from_json(stored) == alert


def test_meteo_france_is_an_update_of_yesterdays_alert_over_six_departements(cap_sample):
    alert = read(cap_sample, "fr_meteofrance_meteoalarm_cap12.xml")
    assert alert.version == "1.2" and alert.msg_type == "Update" and alert.status == "Actual"
    assert alert.sent == "2022-12-07T05:01:26.000Z"  # 06:01:26+01:00
    assert alert.references == (
        ("vigilance@meteo.fr", "2.49.0.0.250.0.FR.20221206160108.315028",
         "2022-12-06T15:01:08.000Z"),
    )  # fmt: skip
    french, english = alert.infos
    assert (french.language, english.language) == ("fr-FR", "en-GB")
    assert french.event == "Vigilance jaune avalanches" and french.severity == "Moderate"
    assert french.onset == "2022-12-07T05:00:00.000Z"
    assert ("awareness_level", "2; yellow; Moderate") in french.parameters
    assert [a.description for a in french.areas][:2] == ["Alpes de Haute Provence", "Hautes Alpes"]
    assert [a.geocodes for a in french.areas][-1] == (("NUTS3", "FR718"),)
    assert all(not a.polygons and not a.circles for a in french.areas)


def test_met_office_areas_are_emma_id_regions(cap_sample):
    (info,) = read(cap_sample, "uk_metoffice_meteoalarm_cap12.xml").infos
    assert len(info.areas) == 10 and info.event == "Yellow ice warning"
    assert info.areas[0].description == "East Midlands"
    assert info.areas[0].geocodes == (("EMMA_ID", "UK113"),)


def test_met_eireann_ireland_has_six_closed_polygons_as_lon_lat(cap_sample):
    alert = read(cap_sample, "ie_meteireann_meteoalarm_cap12.xml")
    (area,) = alert.infos[0].areas
    assert area.description == "Ireland" and len(area.polygons) == 6
    assert area.polygons[0][0] == (-7.40536, 53.7762)  # written "53.776200,-7.405360"
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in area.polygons)
    assert alert.infos[0].sender_name == "Met Éireann"


def test_environment_canada_has_english_and_french_infos_with_polygons(cap_sample):
    alert = read(cap_sample, "ca_envcanada_cap12.xml")
    assert alert.msg_type == "Update" and len(alert.references) == 2
    assert alert.references[0][2] == "2012-05-02T21:45:05.000Z"  # "-00:00" means UTC
    assert alert.codes == ("profile:CAP-CP:0.4", "layer:EC-MSC-SMC:1.0", "layer:SOREM:1.0")
    english, french = alert.infos
    assert (english.language, french.language) == ("en-CA", "fr-CA")
    assert (english.event, french.event) == ("thunderstorm", "orages")
    assert english.response_types == ("AllClear",) and english.urgency == "Past"
    assert french.areas[0].description == "Windsor - Leamington - comté d'Essex"
    windsor = english.areas[0].polygons[0]
    assert windsor[0] == (-82.9314, 42.3481) and windsor[0] == windsor[-1]
    assert english.areas[0].polygons == french.areas[0].polygons
    assert english.areas[0].geocodes[0] == ("layer:EC-MSC-SMC:1.0:CLC", "041420")


def test_nsw_rfs_bushfire_has_two_infos_with_a_25_km_circle(cap_sample):
    alert = read(cap_sample, "au_nsw_rfs_bushfire_cap12.xml")  # a "cap:" prefix throughout
    assert alert.sent == "2011-10-05T13:04:00.000Z"  # 23:04+10:00
    first, second = alert.infos
    assert first.categories == ("Fire", "Met") and first.response_types == ("Evacuate",)
    assert first.areas[0].circles == ((147.0598, -35.3888, 25.0),)
    assert second.areas[0].geocodes == (
        ("http://www.psma.com.au/?product=postcode-boundaries", "2642"),
    )
    assert ("AllocatedResources", "") in first.parameters  # an empty <cap:value />
    assert first.resources[0].uri == "http://www.rfs.nsw.gov.au/dsp_content.cfm?CAT_ID=683"
    # Markup is text here: the escaped <br /> is kept as written, never made a line break.
    assert first.description.startswith("ALERT LEVEL: Not Applicable<br />LOCATION: 12 Cox")


def test_usgs_earthquake_is_cap_11_with_a_point_circle(cap_sample):
    alert = read(cap_sample, "us_usgs_earthquake_cap11.xml")
    assert alert.version == "1.1" and alert.codes == ("IPAWSv1.0",)
    (info,) = alert.infos
    assert info.categories == ("Geo",) and info.severity == "Unknown"
    assert info.areas[0].circles == ((-173.274, -16.053, 0.0),)
    assert info.expires == "2010-09-02T05:09:25.000Z"  # 00:09:25-05:00
    assert info.language == "en-US"  # not given: the spec's default


def test_amber_alert_is_in_english_and_spanish(cap_sample):
    alert = read(cap_sample, "us_amber_alert_bilingual_cap12.xml")
    english, spanish = alert.infos
    assert (english.language, spanish.language) == ("en-US", "es-US")
    assert spanish.event == "Abducción de Niño" and english.categories == ("Rescue",)
    assert spanish.areas[0].geocodes == (("SAME", "006037"),)
    assert alert.sent == "2003-06-12T05:39:00.000Z"  # 22:39-07:00, the next day in UTC
    assert english.response_types == () and english.effective is None


def test_nws_thunderstorm_polygon_and_one_line_area_description(cap_sample):
    (info,) = read(cap_sample, "us_nws_thunderstorm_cap12.xml").infos
    (area,) = info.areas
    assert area.polygons == (
        ((-120.14, 38.47), (-119.95, 38.34), (-119.74, 38.52), (-119.89, 38.62), (-120.14, 38.47)),
    )
    assert area.description.startswith("EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, ")
    assert "\n" not in area.description and "NORTHEASTERN CALAVERAS" in area.description
    assert info.description.startswith("AT 254 PM PDT...")  # surrounding blanks stripped
    assert "\n" in info.description  # its line breaks kept
    assert info.expires == "2003-06-17T23:00:00.000Z"


def test_tsunami_update_references_the_first_message(cap_sample):
    alert = read(cap_sample, "us_nws_wcatwc_tsunami_cap12.xml")
    assert alert.msg_type == "Update" and alert.incidents == "lqw6d6"
    assert alert.references == (("PAAQ", "PAAQ-1-lqw6d6", "2011-09-02T10:55:55.000Z"),)
    (info,) = alert.infos
    assert info.severity == "Extreme" and len(info.resources) >= 1
    assert info.areas[0].geocodes[0] == ("UGC", "AKZ185")


def test_dhs_advisory_has_an_area_with_only_a_description(cap_sample):
    (info,) = read(cap_sample, "us_dhs_hsas_cap12.xml").infos
    assert info.areas[0].description == "U.S. nationwide and interests worldwide"
    assert info.resources[0].mime_type == "image/gif"
    assert "Advisory\nSystem threat level" in info.description  # the line break kept
