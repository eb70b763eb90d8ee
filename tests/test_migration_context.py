"""Migration named as the frame of a deployment is no event of its own (issue 14): "el
despliegue ... en el marco de la crisis migratoria", "dans le cadre de la crise migratoire",
"amid a migrant surge"."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Comenzó el despliegue de efectivos militares en Arica en el marco de la grave "
            "crisis migratoria que afecta al país.",
        ),
        (
            "fr",
            "L'armée a déployé 300 soldats à Arica dans le cadre de la crise migratoire qui "
            "frappe le pays.",
        ),
        ("en", "The army deployed 300 troops to Arica amid a surge of migrants."),
    ],
)
def test_migration_as_the_frame_of_a_deployment_is_no_event(extractor, lang, text):
    events = extractor(text, lang=lang, published="2022-03-01").events
    types = {e.event_type for e in events}
    assert "troop_deployment" in types and "migration" not in types
