from geo.text import fold, name_key, normalize_text


def test_name_key_ignores_accents_case_dashes_and_apostrophes():
    assert name_key("La Yarada–Los Palos") == name_key("la yarada-los palos")
    assert name_key("États-Unis") == name_key("Etats-Unis") == "etats unis"
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire")
    assert name_key("San Martín") == "san martin"


def test_normalize_text_keeps_length_so_offsets_stay_valid():
    raw = "l’armée — à La Yarada–Los Palos « ok »"
    norm = normalize_text(raw)
    assert len(norm) == len(raw)
    assert "’" not in norm and "–" not in norm and "—" not in norm
    assert norm.index("Palos") == raw.index("Palos")


def test_fold():
    assert fold("Équateur") == "equateur"
    assert fold("ÑANDÚ") == "nandu"
