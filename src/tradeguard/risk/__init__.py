"""The learned risk score: features known at declaration time, a LightGBM model, its reasons.

The targeting service calls `registry.load_active(models_dir)` and `RiskModel.score(...)`.
"""

from tradeguard.risk.model import RiskModel
from tradeguard.risk.registry import load_active

__all__ = ["RiskModel", "load_active"]
