"""Reference data tradeguard ships: tariff lines, ports, countries, Centers, AD/CVD orders."""

from tradeguard.reference.adcvd import AdcvdOrder
from tradeguard.reference.catalog import Reference, load_reference
from tradeguard.reference.hts import HtsLine
from tradeguard.reference.ports import Port

__all__ = ["AdcvdOrder", "HtsLine", "Port", "Reference", "load_reference"]
