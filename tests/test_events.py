"""Events across the sentences of real news layouts (issue 14): one sentence a line, lists
announced by a colon, a force named once and referred to after."""

from __future__ import annotations


def _places(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in doc.events:
        for item in event.places:
            out.setdefault(item.place.name, set()).add(event.event_type)
    return out


LINES = (
    "El gobierno selló 23 municipios de la frontera sur con 6 mil 300 agentes de la Guardia "
    "Nacional.\n"
    "El personal desplegado en las localidades de Chiapas y Tabasco es coordinado desde 11 "
    "regiones.\n"
    "Estos son los municipios cerrados:\n"
    "Tapachula\n"
    "Suchiate\n"
    "Palenque\n"
)


def test_a_list_announced_by_a_colon_continues_the_event(extractor):
    places = _places(extractor(LINES, lang="es", published="2019-06-20"))
    assert {"Tapachula", "Suchiate", "Palenque"} <= set(places)


def test_a_force_named_once_is_the_force_of_the_next_line(extractor):
    doc = extractor(LINES, lang="es", published="2019-06-20")
    places = _places(doc)
    assert "Tabasco" in places  # Chiapas is broken down into Tapachula, Suchiate, Palenque
    assert "Chiapas" not in places
    assert 6300 in {e.force_size for e in doc.events}


def test_a_line_break_without_a_link_ends_the_event(extractor):
    text = (
        "El Ejército desplegó 500 soldados en Tapachula.\n"
        "Por otra parte, el turismo creció en Cancún y Mérida durante el verano.\n"
    )
    places = _places(extractor(text, lang="es", published="2019-06-20"))
    assert "Tapachula" in places and "Cancún" not in places and "Mérida" not in places


def test_rows_carry_the_count_stated_for_their_place(extractor):
    from geo.ingest.articles import Article

    text = (
        "A Sonora llegaron mil 987 elementos de la Guardia Nacional, distribuidos en Nogales "
        "(564), Sonoyta (500) y Agua Prieta (373)."
    )
    rows = extractor.rows(Article(article_id="mx", text=text, lang="es", published="2025-02-08"))
    by_place = {r["place"]: r for r in rows}
    assert {p: by_place[p]["place_force_size"] for p in ("Nogales", "Sonoyta", "Agua Prieta")} == {
        "Nogales": 564,
        "Sonoyta": 500,
        "Agua Prieta": 373,
    }
    assert {r["force_size"] for r in rows} == {1987}  # the event's total stays the event's


def test_a_listed_border_gives_one_border_per_neighbour(extractor):
    text = (
        "Bolivia desplegó 3.000 militares en sus fronteras con Chile, Perú, Argentina, "
        "Paraguay y Brasil para frenar el contrabando."
    )
    doc = extractor(text, lang="es", published="2024-05-02")
    borders = {p.place.resolved_name for e in doc.events for p in e.places}
    assert {
        "Bolivia–Chile border",
        "Bolivia–Peru border",
        "Bolivia–Argentina border",
        "Bolivia–Paraguay border",
        "Bolivia–Brazil border",
    } <= borders


def test_a_country_named_alone_steps_back_for_the_places_inside_it(extractor):
    text = (
        "Troops deployed in Ecuador after attacks.\n"
        "Police and soldiers on Wednesday patrolled the streets of Guayaquil."
    )
    places = _places(extractor(text, lang="en", published="2022-11-02"))
    assert "Guayaquil" in places and "Ecuador" not in places


def test_a_dateline_is_where_the_reporter_is_not_an_event_place(extractor):
    text = "LIMA (AFP) - El Ejército desplegó 500 soldados en Tacna el lunes."
    doc = extractor(text, lang="es", published="2024-03-15")
    assert "Lima" in {p.resolved_name for p in doc.places}  # a place of the text all the same
    assert set(_places(doc)) == {"Tacna"}


def test_a_country_named_as_owner_or_origin_is_no_event_place(extractor):
    text = (
        "México desplegó 6 mil agentes en Tapachula para evitar represalias comerciales de "
        "Estados Unidos."
    )
    places = _places(extractor(text, lang="es", published="2019-06-20"))
    assert "Tapachula" in places and "Estados Unidos" not in places
    text = "La caravana de migrantes salió de Honduras el 13 de octubre."
    assert "Honduras" in _places(extractor(text, lang="es", published="2018-10-20"))


def test_a_new_paragraph_that_says_it_goes_on_continues_the_event(extractor):
    text = (
        "El Gobierno del Perú declaró el estado de emergencia en Cusco por 60 días.\n\n"
        "La medida se aplicará en el distrito de Echarate.\n\n"
        "Igualmente están comprendidos los distritos de Kimbiri y Pichari.\n\n"
        "Por su parte, el turismo creció en Arequipa."
    )
    places = _places(extractor(text, lang="es", published="2012-10-02"))
    assert {"Cusco", "Echarate", "Kimbiri", "Pichari"} <= set(places)
    assert "Arequipa" not in places


def test_contributors_of_a_foreign_mission_are_actors_not_places(extractor):
    text = (
        "A second contingent of 200 Kenyan police arrived in Haiti on Tuesday. This mission, "
        "led by Kenya, is part of the security support mission. The officers had left Kenya "
        "the day before, in line with Kenya's commitment to deploy 1,000 police officers."
    )
    places = _places(extractor(text, lang="en", published="2024-07-16"))
    assert "Haiti" in places and "Kenya" not in places


def _types(doc) -> dict[str, set[str]]:
    return {name: types for name, types in _places(doc).items()}


def test_a_deployment_that_an_emergency_allows_belongs_to_the_emergency(extractor):
    text = (
        "Le gouvernement a déclaré l'état d'urgence dans trois provinces du pays.\n\n"
        "Cette mesure, qui permet le déploiement de l'armée, vaut pour 30 jours dans les "
        "provinces de Loja et d'Azuay."
    )
    places = _types(extractor(text, lang="fr", published="2024-05-02"))
    assert places["Loja"] == {"state_of_emergency"}
    assert places["Azuay"] == {"state_of_emergency"}


def test_migration_named_as_what_a_measure_responds_to_is_no_event(extractor):
    text = (
        "Los puestos fronterizos de Ocotepeque fueron reforzados para responder a la crisis "
        "migratoria."
    )
    events = extractor(text, lang="es", published="2022-03-01").events
    assert "migration" not in {e.event_type for e in events}


def test_the_noun_that_refers_back_starts_no_new_event(extractor):
    text = (
        "More than 400 soldiers were ordered to carry out border controls this week.\n"
        "These operations will be extended to the departments of Ocotepeque and Copán."
    )
    places = _places(extractor(text, lang="en", published="2022-03-01"))
    assert places["Ocotepeque"] == {"border_control"}
    assert places["Copán"] == {"border_control"}


def _dates(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in doc.events:
        for item in event.places:
            out.setdefault(item.place.name, set()).add(str(event.date_start))
    return out


def test_a_sentence_that_goes_on_about_the_events_gives_them_its_date(extractor):
    text = (
        "El Ejército desplegó patrullas en la frontera con Belice, informó este domingo el "
        "ministerio.\n"
        "Las operaciones están activas desde el jueves en Chetumal y Bacalar."
    )
    dates = _dates(extractor(text, lang="es", published="2024-03-10"))
    assert dates["Chetumal"] == {"2024-03-07"}


def test_the_date_of_a_runoff_is_not_the_deployment_date(extractor):
    text = (
        "El Ejército desplegó 800 soldados en Tulcán en vísperas de la segunda vuelta "
        "presidencial que se celebrará este domingo."
    )
    dates = _dates(extractor(text, lang="es", published="2024-03-07"))
    assert dates["Tulcán"] == {"2024-03-07"}  # the publication day, not Sunday the 10th


def test_a_reinforcement_of_presence_is_a_deployment():
    from geo.extract.event_types import classify_sentence

    hits = classify_sentence("L'armée a annoncé un renforcement de sa présence à Lethem.", "fr")
    assert any(h.event_type == "troop_deployment" for h in hits)


def test_a_force_of_one_country_deployed_in_another_is_foreign(extractor):
    text = "Un contingent de policiers kényans est arrivé lundi à Port-au-Prince."
    places = _places(extractor(text, lang="fr", published="2024-07-01"))
    assert places["Port-au-Prince"] == {"foreign_troops"}


def test_own_troops_at_home_stay_a_deployment(extractor):
    text = "Des soldats mexicains sont arrivés lundi à Tijuana."
    places = _places(extractor(text, lang="fr", published="2024-07-01"))
    assert places["Tijuana"] == {"troop_deployment"}


def test_a_hard_wrapped_sentence_is_one_event_with_all_its_places(extractor):
    text = (
        "El Ejército peruano desplegó 300 soldados en Tacna para reforzar\n"
        "la frontera con Chile desde el lunes.\n"
    )
    doc = extractor(text, lang="es", published="2025-03-04")
    [event] = [e for e in doc.events if e.event_type == "troop_deployment"]
    assert {item.place.name for item in event.places} >= {"Tacna"}
    assert len(event.places) == 2 and event.force_size == 300
    assert event.sentences == [(0, len(text) - 1)]  # one sentence, across the wrap


def test_a_region_broken_down_into_its_towns_later_is_no_row_of_its_own(extractor):
    text = (
        # (no count of Sonora's own: a region given its own count stays a row)
        "La Guardia Nacional desplegó elementos en el estado de Sonora para contener "
        "el paso de migrantes. Los elementos patrullan los municipios de Nogales, Agua Prieta y "
        "Sonoyta."
    )
    places = _places(extractor(text, lang="es", published="2019-06-20"))
    assert {"Nogales", "Agua Prieta", "Sonoyta"} <= set(places) and "Sonora" not in places


def test_a_region_written_after_its_town_only_locates_it(extractor):
    text = "Fueron instalados puestos de mando del Ejército en Maicao, La Guajira."
    places = _places(extractor(text, lang="es", published="2026-01-05"))
    assert "Maicao" in places and "La Guajira" not in places


def test_a_region_with_a_count_of_its_own_stays(extractor):
    text = (
        "A Sonora llegaron mil 987 elementos de la Guardia Nacional. Los elementos patrullan "
        "Nogales y Sonoyta."
    )
    assert "Sonora" in _places(extractor(text, lang="es", published="2025-02-08"))


def test_a_list_of_regions_and_towns_keeps_both(extractor):
    text = "El Ejército desplegó 900 soldados en Sinaloa, Culiacán y Mazatlán."
    places = _places(extractor(text, lang="es", published="2025-02-08"))
    assert {"Sinaloa", "Culiacán", "Mazatlán"} <= set(places)


def test_a_new_paragraph_naming_a_force_at_places_goes_on_about_the_deployment(extractor):
    text = (
        "El Ejército ecuatoriano desplegó 500 soldados en la frontera norte.\n"
        "Desde el viernes, unidades militares operan en las provincias de Carchi e Imbabura."
    )
    places = _places(extractor(text, lang="es", published="2025-04-12"))
    assert {"Carchi", "Imbabura"} <= set(places)


def test_the_town_a_force_leaves_from_is_no_event_place(extractor):
    text = (
        "Les 400 policiers kényans de la mission ont été déployés en Haïti. Ils ont quitté "
        "Nairobi mardi et sont arrivés à Port-au-Prince."
    )
    places = _places(extractor(text, lang="fr", published="2024-06-25"))
    assert "Port-au-Prince" in places and "Nairobi" not in places


def test_a_department_is_no_departure(extractor):
    text = "El Ejército hondureño desplegó 300 soldados en el departamento de Choluteca."
    assert "Choluteca" in _places(extractor(text, lang="es", published="2009-06-30"))


def test_another_countrys_capital_is_its_government(extractor):
    text = (
        "Costa Rica desplegó 70 policías en la frontera con Nicaragua, en Barra del Colorado y "
        "San Juan, en medio de renovadas tensiones con Managua."
    )
    places = _places(extractor(text, lang="es", published="2010-10-22"))
    assert "Managua" not in places and places


def test_what_the_event_borders_on_is_no_event_place(extractor):
    text = (
        "Colombia desplegó 5.000 soldados en Cúcuta, en la región limítrofe con los estados "
        "venezolanos de Zulia, Táchira y Apure."
    )
    places = _places(extractor(text, lang="es", published="2018-07-30"))
    assert "Cúcuta" in places and not {"Zulia", "Táchira", "Apure"} & set(places)


def test_a_continent_is_no_event_place(extractor):
    text = (
        "Panamá reforzó con 500 policías el control en Darién ante el paso de migrantes de "
        "Asia y África."
    )
    places = _places(extractor(text, lang="es", published="2023-09-01"))
    assert "Darién" in places and not {"Asia", "África"} & set(places)


def test_a_count_a_later_sentence_states_for_a_place_is_that_place_s(extractor):
    from geo.ingest.articles import Article

    text = (
        "La Guardia Nacional desplegó elementos en Sonora y Chihuahua.\n\n"
        "A Sonora llegaron 1.200 elementos de la Guardia Nacional."
    )
    rows = extractor.rows(Article(article_id="mx", text=text, lang="es", published="2025-02-08"))
    by_place = {r["place"]: r["place_force_size"] for r in rows}
    assert by_place == {"Sonora": 1200, "Chihuahua": None}


def test_a_date_for_the_latter_places_is_theirs_alone(extractor):
    text = (
        "El gobierno prorrogó el estado de emergencia en el distrito de Echarate por 60 días a "
        "partir del 8 de octubre de 2012.\n\n"
        "Igualmente están comprendidas las provincias de Huanta y La Mar.\n\n"
        "En estas últimas jurisdicciones la emergencia se prorrogará a partir del 2 de octubre."
    )
    dates = _dates(extractor(text, lang="es", published="2012-10-01"))
    assert dates["Echarate"] == {"2012-10-08"}
    assert dates["Huanta"] == dates["La Mar"] == {"2012-10-02"}
    # "en los últimos días" names no places: nothing is split off
    recent = text.replace("En estas últimas jurisdicciones", "En los últimos días")
    dates = _dates(extractor(recent, lang="es", published="2012-10-01"))
    assert dates["Huanta"] == {"2012-10-08"}


def test_a_new_type_said_of_the_places_an_anaphora_lists_is_theirs(extractor):
    text = (
        "La Guardia Nacional desplegó 6 mil agentes en los estados de Chiapas y Tabasco.\n"
        "Dichas regiones abarcan Palenque, Metapa y Suchiate, en las que operan "
        "retenes de revisión."
    )
    places = _places(extractor(text, lang="es", published="2019-06-20"))
    assert places["Metapa"] == places["Suchiate"] == {"troop_deployment", "border_control"}


def _counts_by_place(extractor, text: str, lang: str) -> dict:
    from geo.ingest.articles import Article

    rows = extractor.rows(Article(article_id="a", text=text, lang=lang, published="2018-04-06"))
    return {r["place"]: r["place_force_size"] for r in rows}


def test_a_sentence_s_only_count_and_only_place_go_together(extractor):
    text = (
        "Arizona and Texas announced Friday that they were preparing to deploy National Guard "
        "members to the border. Texas will deploy 250 personnel to Laredo within 72 hours. "
        "Arizona Gov. Doug Ducey said about 150 Guard members would deploy next week."
    )
    by_place = _counts_by_place(extractor, text, "en")
    assert by_place.get("Laredo") == 250 and by_place.get("Arizona") == 150


def test_two_places_and_one_count_bind_nothing_by_themselves(extractor):
    text = (
        "The army deployed troops to Tijuana. Another 300 soldiers will reinforce patrols "
        "between Nogales and Agua Prieta."
    )
    by_place = _counts_by_place(extractor, text, "en")
    assert by_place == {"Tijuana": None, "Nogales": None, "Agua Prieta": None}


def test_a_headline_number_of_troops_to_a_place_is_a_deployment(extractor):
    doc = extractor("900 troops to combat violence in Sinaloa\n\nThe state gets help.", lang="en")
    assert [(e.event_type, [i.place.name for i in e.places]) for e in doc.events] == [
        ("troop_deployment", ["Sinaloa"])
    ]


def test_patrols_that_refer_back_after_a_leading_place_keep_the_event_s_types(extractor):
    text = (
        "El Ejército instaló puestos de control en los pasos fronterizos con Colombia para "
        "frenar el contrabando. Desde el viernes, unidades militares operan en la provincia de "
        "Carchi. En Carchi, los patrullajes cubren zonas como Tulcán y El Ángel."
    )
    places = _places(extractor(text, lang="es", published="2025-04-13"))
    assert "border_control" in places.get("Tulcán", set())
    assert "border_control" in places.get("El Ángel", set())


def _spaced(*paragraphs: str, gap: str) -> str:
    return gap.join(paragraphs)


DEPLOYED = "El Ejército desplegó 15.000 efectivos en el estado Zulia."
ON = "El despliegue refuerza una operación en el estado Táchira."


def test_a_page_with_wide_breaks_everywhere_keeps_its_paragraphs_together(extractor):
    # a page that puts three empty lines between all its paragraphs: one is no section end
    text = _spaced(DEPLOYED, ON, "El gobierno habló de la economía.", gap="\n\n\n\n")
    assert "Táchira" in _places(extractor(text, lang="es", published="2025-08-26"))


def test_a_break_wider_than_the_page_s_usual_one_ends_the_section(extractor):
    text = (
        _spaced(DEPLOYED, "El gobierno habló de la economía.", gap="\n\n")
        + "\n\n\n\n"
        + _spaced(ON, "Otro párrafo sobre el turismo.", gap="\n\n")
    )
    assert "Táchira" not in _places(extractor(text, lang="es", published="2025-08-26"))
