"""Unit conversions a translator may make on purpose (miles → km, °F → °C), tolerated only when configured.

:func:`unit_after` reads the unit written right after a number; :func:`converts` says whether two
quantities are the same measurement in different units, within rounding (2 % or the last written digit).
"""

from __future__ import annotations

from decimal import Decimal

import regex

# unit spelling -> (dimension, factor to the base unit); temperatures are handled apart
_UNITS: dict[str, tuple[str, Decimal]] = {}
for _names, _dim, _factor in (
    ("mi mile miles milles meilen millas milhas miglia mijl mijlen mil milj", "length", "1609.344"),
    (
        "km kilometre kilometres kilometer kilometers kilomètres kilómetros quilômetros chilometri км",
        "length",
        "1000",
    ),
    ("m metre metres meter meters mètres metros metri м", "length", "1"),
    ("cm centimetre centimetres centimeter centimeters centimètres centímetros см", "length", "0.01"),
    ("mm millimetre millimetres millimeter millimeters мм", "length", "0.001"),
    ("in inch inches pouces pulgadas polegadas zoll дюйм дюймов", "length", "0.0254"),
    ("ft foot feet pieds pies pés fuß фут футов", "length", "0.3048"),
    ("yd yard yards", "length", "0.9144"),
    ("lb lbs pound pounds livres libras pfund фунт фунтов", "mass", "0.45359237"),
    ("oz ounce ounces onces onzas unzen унций", "mass", "0.028349523125"),
    ("kg kilogram kilograms kilogramme kilogrammes kilos kilo кг", "mass", "1"),
    ("g gram grams gramme grammes gramos г", "mass", "0.001"),
    ("gal gallon gallons gallons galones gallonen галлон", "volume", "3.785411784"),
    ("l L litre litres liter liters litros liter литр литров", "volume", "1"),
    ("ml mL millilitre millilitres milliliter milliliters мл", "volume", "0.001"),
    ("mph", "speed", "0.44704"),
    ("km/h kmh км/ч", "speed", "0.2777777777777778"),
):
    for _name in _names.split():
        _UNITS[_name.casefold()] = (_dim, Decimal(_factor))

_TEMPERATURE = regex.compile(r"\s?°\s?([CF])\b|\s?(℃|℉)")
_UNIT = regex.compile(r"[\s\u00a0\u202f]?([\p{L}]+(?:/h)?)")


def unit_after(text: str, end: int) -> tuple[str, str] | None:
    """``(dimension, unit)`` of the unit right after ``text[:end]``, or None."""
    t = _TEMPERATURE.match(text, end)
    if t:
        symbol = t.group(1) or ("C" if t.group(2) == "℃" else "F")
        return "temperature", symbol
    m = _UNIT.match(text, end)
    if m and m.group(1).casefold() in _UNITS:
        return _UNITS[m.group(1).casefold()][0], m.group(1).casefold()
    return None


def _base(value: Decimal, unit: tuple[str, str]) -> Decimal:
    dim, name = unit
    if dim == "temperature":
        return (value - 32) * 5 / 9 if name == "F" else value
    return value * _UNITS[name][1]


def converts(a: Decimal, unit_a: tuple[str, str], b: Decimal, unit_b: tuple[str, str]) -> bool:
    """True when ``a unit_a`` and ``b unit_b`` are one measurement in two different units (rounded)."""
    if unit_a[0] != unit_b[0] or unit_a[1] == unit_b[1]:
        return False
    x, y = _base(a, unit_a), _base(b, unit_b)
    if x == y:
        return True
    exponent = b.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    ref = _base(b + step, unit_b) - y  # how much the last written digit of b is worth
    return abs(x - y) <= max(abs(y) * Decimal("0.02"), abs(ref))
