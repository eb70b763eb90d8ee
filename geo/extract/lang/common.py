"""Word lists shared by every language: patterns that mix languages in one phrase."""

BOILERPLATE_MIXED = (
    r"\bliveblog\b",
    r"\bnewsletter\b",
    # "live blog has ended", "le direct est terminé", "ce live est terminé"
    r"\b(?:live|direct)\s+(?:blog\s+)?(?:has\s+ended|est\s+terminé)",
    # "nous utilisons des cookies", "usamos cookies", "accept all cookies"
    r"\b(?:utilise|utilisons|use|uses|usamos|utilizamos|usa|accept\w*|acepta\w*)\s+"
    r"(?:des\s+|les\s+|de\s+|los\s+|all\s+)?cookies\b",
)
"""Page-furniture patterns (regex) whose words come from several languages at once."""

NEWS_AGENCIES = (
    "EFE", "AFP", "AP", "Reuters", "ANSA", "DPA", "Xinhua", "Europa Press", "Prensa Latina",
    "Notimex", "Télam", "Andina", "Sputnik", "AIM",
)  # fmt: skip
"""Wire agencies named in a dateline after its town: "Lima, 3 mar (EFE)", "Córdoba (AFP)"."""
