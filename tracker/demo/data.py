"""The demos `tracker demo [--kind province|commune]` loads, and the password of their users."""
from __future__ import annotations

from tracker.demo import province, ward

DEMO_PASSWORD = "demo1234"  # shown to the user as the demo login

SCENARIOS = {"province": province.SCENARIO, "commune": ward.SCENARIO}
