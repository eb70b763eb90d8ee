"""Every ``DEPLOYMAP_*`` setting and every data path, read in one place.

Settings are read from the environment when asked for (so a test can set a variable with
``monkeypatch.setenv`` and the next call sees it); a function takes an optional *environ*
mapping to read instead of :data:`os.environ`.

- ``DEPLOYMAP_CACHE``: root of every cache (gazetteer index, per-article results, geocodes);
  default ``data/cache`` of the project, or the user cache folder when ``data/`` is read-only.
- ``DEPLOYMAP_EVENTS``: the events table the dashboard shows (default ``data/events.csv``).
- ``DEPLOYMAP_BACKEND``: force the dashboard's query engine, ``duckdb`` or ``pandas``.
- ``DEPLOYMAP_MAX_ARTICLE_BYTES``: largest article file read (default 5,000,000).
- ``DEPLOYMAP_ARTICLE_SECONDS``: time budget of one article's reading and extraction, in
  seconds (default 120; ``0`` or ``off``: none); a slower article is skipped with a reason.
- ``DEPLOYMAP_ONLINE_GEOCODER``: ``nominatim`` turns on the opt-in online chain (default off).
- ``DEPLOYMAP_USER_AGENT``: the app name and contact Nominatim requires.
- ``DEPLOYMAP_READ_ONLY``: ``1``/``0`` (true/false, yes/no, on/off): the dashboard hides every
  write control (adding articles, corrections, imports) and keeps the previews. Unset: the
  ``read_only`` key of ``.streamlit/secrets.toml``, else on for a deployed app
  (:func:`is_deployed`), off on a local machine (``make run``).
- ``DEPLOYMAP_CORRECTIONS``: the corrections file (default ``data/corrections.csv``).
- ``DEPLOYMAP_ARTICLES``: the corpus folder the dashboard adds articles to and rebuilds from
  (default ``data/articles``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from geo.exc import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent
"""The project folder (the one holding ``data/`` and ``static/``)."""
DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "static"
ARTICLES_DIR = DATA_DIR / "articles"
DEFAULT_EVENTS_PATH = DATA_DIR / "events.csv"
COUNTRY_NAMES_CSV = DATA_DIR / "country_names.csv"
SUPPLEMENT_CSV = DATA_DIR / "supplement.csv"
NOT_PLACES_CSV = DATA_DIR / "not_places.csv"
COUNTRY_POINTS_CSV = DATA_DIR / "country_points.csv"
ADMIN1_ABBREVIATIONS_CSV = DATA_DIR / "admin1_abbreviations.csv"
NAME_ABBREVIATIONS_CSV = DATA_DIR / "name_abbreviations.csv"
"""Abbreviated words of place names ("Cd." Ciudad, "Pto." Puerto), tried when a name misses."""
CORRECTIONS_CSV = DATA_DIR / "corrections.csv"
"""Analysts' corrections to the events table (append-only; see geo.table.corrections)."""
BASEMAP_PATH = STATIC_DIR / "basemap" / "countries.geojson"

CACHE_ENV = "DEPLOYMAP_CACHE"
EVENTS_ENV = "DEPLOYMAP_EVENTS"
BACKEND_ENV = "DEPLOYMAP_BACKEND"
MAX_ARTICLE_BYTES_ENV = "DEPLOYMAP_MAX_ARTICLE_BYTES"
ARTICLE_SECONDS_ENV = "DEPLOYMAP_ARTICLE_SECONDS"
ONLINE_GEOCODER_ENV = "DEPLOYMAP_ONLINE_GEOCODER"
USER_AGENT_ENV = "DEPLOYMAP_USER_AGENT"
READ_ONLY_ENV = "DEPLOYMAP_READ_ONLY"
CORRECTIONS_ENV = "DEPLOYMAP_CORRECTIONS"
ARTICLES_ENV = "DEPLOYMAP_ARTICLES"
SETTINGS = (
    CACHE_ENV,
    EVENTS_ENV,
    BACKEND_ENV,
    MAX_ARTICLE_BYTES_ENV,
    ARTICLE_SECONDS_ENV,
    ONLINE_GEOCODER_ENV,
    USER_AGENT_ENV,
    READ_ONLY_ENV,
    CORRECTIONS_ENV,
    ARTICLES_ENV,
)
"""Every environment variable deploymap reads."""

DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
DEFAULT_ARTICLE_SECONDS = 120.0
BACKENDS = ("pandas", "duckdb")
ONLINE_GEOCODERS = ("nominatim",)
_OFF = ("", "0", "off", "none", "offline")
_TRUE = ("1", "true", "yes", "on", "y")
_FALSE = ("0", "false", "no", "off", "n")
DEPLOYED_ROOT = "/mount/src/"
"""Where Streamlit Community Cloud checks out the app's repository (its working folder)."""


def _env(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def setting(name: str, environ: Mapping[str, str] | None = None) -> str:
    """The stripped value of the setting *name* (``""`` when unset)."""
    if name not in SETTINGS:
        raise ConfigurationError(f"{name} is not a deploymap setting (known: {SETTINGS})")
    return (_env(environ).get(name) or "").strip()


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """Root of every cache: ``$DEPLOYMAP_CACHE``, else ``data/cache`` of the project when
    ``data/`` is writable, else the user's cache folder (``platformdirs``)."""
    value = setting(CACHE_ENV, environ)
    if value:
        return Path(value).expanduser()
    if DATA_DIR.is_dir() and os.access(DATA_DIR, os.W_OK):
        return DATA_DIR / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("deploymap"))


def gazetteer_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where gazetteer index builds live: ``<cache root>/gazetteer``."""
    return cache_root(environ) / "gazetteer"


def article_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where per-article extraction results are cached: ``<cache root>/articles``."""
    return cache_root(environ) / "articles"


def geocode_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    """The online geocoder's persistent cache (SQLite): ``<cache root>/geocode_cache.sqlite``."""
    return cache_root(environ) / "geocode_cache.sqlite"


def table_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the dashboard keeps tables it has read and checked (Parquet, by file and
    modification time), so that a restarted server opens a CSV in a fraction of the time:
    ``<cache root>/tables``."""
    return cache_root(environ) / "tables"


def events_path(
    argv: list[str] | tuple[str, ...] | None = None,
    environ: Mapping[str, str] | None = None,
    default: str | os.PathLike[str] = DEFAULT_EVENTS_PATH,
) -> Path:
    """The events table to show: ``--events PATH``, else ``$DEPLOYMAP_EVENTS``, else *default*.

    *argv* are the script's arguments (``streamlit run dashboard.py -- --events PATH``).
    """
    args = list(argv or ())
    for i, arg in enumerate(args):
        if arg == "--events" and i + 1 < len(args):
            return Path(args[i + 1]).expanduser()
        if arg.startswith("--events="):
            return Path(arg.split("=", 1)[1]).expanduser()
    value = setting(EVENTS_ENV, environ)
    return Path(value).expanduser() if value else Path(default)


def forced_backend(environ: Mapping[str, str] | None = None) -> str | None:
    """``$DEPLOYMAP_BACKEND`` when it names a back end (``pandas``/``duckdb``), else None."""
    value = setting(BACKEND_ENV, environ).lower()
    return value if value in BACKENDS else None


def max_article_bytes(environ: Mapping[str, str] | None = None) -> int:
    """The size limit of an article file: ``$DEPLOYMAP_MAX_ARTICLE_BYTES`` or 5 MB.

    Raises :class:`~geo.exc.ConfigurationError` for a value that is not a positive integer.
    """
    value = setting(MAX_ARTICLE_BYTES_ENV, environ).replace("_", "")
    if not value:
        return DEFAULT_MAX_ARTICLE_BYTES
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit <= 0:
        raise ConfigurationError(
            f"{MAX_ARTICLE_BYTES_ENV}={value!r}: expected a positive number of bytes"
        )
    return limit


def article_seconds(environ: Mapping[str, str] | None = None) -> float | None:
    """The per-article time budget in seconds: ``$DEPLOYMAP_ARTICLE_SECONDS`` or 120; None
    when switched off (``0``, ``off``).

    Raises :class:`~geo.exc.ConfigurationError` for a value that is not a number.
    """
    value = setting(ARTICLE_SECONDS_ENV, environ).lower()
    if not value:
        return DEFAULT_ARTICLE_SECONDS
    if value in _OFF:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise ConfigurationError(
            f"{ARTICLE_SECONDS_ENV}={value!r}: expected a number of seconds (0 or off: no limit)"
        )
    return seconds or None


def online_geocoder(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """``(backend, user agent)`` when the online chain is switched on, else None.

    Raises :class:`~geo.exc.ConfigurationError` for an unknown backend or a missing user
    agent (Nominatim's usage policy requires one).
    """
    which = setting(ONLINE_GEOCODER_ENV, environ).lower()
    if which in _OFF:
        return None
    if which not in ONLINE_GEOCODERS:
        raise ConfigurationError(
            f"{ONLINE_GEOCODER_ENV}={which!r}: only 'nominatim' (or unset) is supported"
        )
    agent = setting(USER_AGENT_ENV, environ)
    if not agent:
        raise ConfigurationError(
            f"{USER_AGENT_ENV} must name your app and a contact to use Nominatim"
        )
    return which, agent


def parse_flag(value: object) -> bool | None:
    """``True``/``False`` for a yes/no setting (``1``/``0``, true/false, yes/no, on/off, y/n,
    or a TOML boolean), ``None`` when unset or empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigurationError(f"{value!r}: expected a yes/no value (1/0, true/false, on/off)")


def is_deployed(environ: Mapping[str, str] | None = None, root: Path | str = ROOT) -> bool:
    """Whether the app runs on a hosting service rather than an analyst's machine: Streamlit
    Community Cloud (the app is checked out under ``/mount/src/`` and its host is named
    ``streamlit``)."""
    env = _env(environ)
    return str(root).startswith(DEPLOYED_ROOT) or env.get("HOSTNAME") == "streamlit"


def read_only(
    environ: Mapping[str, str] | None = None,
    secret: object = None,
    root: Path | str = ROOT,
) -> bool:
    """Whether the dashboard must write nothing: ``$DEPLOYMAP_READ_ONLY``, else *secret* (the
    ``read_only`` key of ``.streamlit/secrets.toml``), else :func:`is_deployed`.

    Raises :class:`~geo.exc.ConfigurationError` for a value that is not yes/no."""
    value = setting(READ_ONLY_ENV, environ)
    try:
        flag = parse_flag(value)
    except ConfigurationError as error:
        raise ConfigurationError(f"{READ_ONLY_ENV}: {error}") from None
    if flag is None:
        try:
            flag = parse_flag(secret)
        except ConfigurationError as error:
            raise ConfigurationError(f"secrets.toml read_only: {error}") from None
    return is_deployed(environ, root) if flag is None else flag


def corrections_path(environ: Mapping[str, str] | None = None) -> Path:
    """The analysts' corrections file: ``$DEPLOYMAP_CORRECTIONS``, else
    ``data/corrections.csv``."""
    value = setting(CORRECTIONS_ENV, environ)
    return Path(value).expanduser() if value else CORRECTIONS_CSV


def articles_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The corpus folder the dashboard adds articles to: ``$DEPLOYMAP_ARTICLES``, else
    ``data/articles``."""
    value = setting(ARTICLES_ENV, environ)
    return Path(value).expanduser() if value else ARTICLES_DIR
