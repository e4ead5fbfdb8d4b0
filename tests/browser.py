"""Helpers for the real-browser tests: headless Chromium through Selenium, offline.

``chromium_driver()`` starts Debian's ``/usr/bin/chromium`` with ``/usr/bin/chromedriver`` and a
fresh profile; ``require_chromium()`` skips (outside CI only) when they are absent.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "ARTIFACTS",
    "CHROMIUM",
    "CHROMEDRIVER",
    "require_chromium",
    "chromium_driver",
    "severe_logs",
    "wait_ready",
    "screenshot",
]

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver")


def require_chromium() -> None:
    """Skip when Chromium or its driver is missing, unless in CI (``CI=true``), where fail."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (run .ci/install-browser.sh)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def chromium_driver(width: int = 1400, height: int = 900) -> Iterator[Any]:
    """A headless Chromium WebDriver with no network services and a throw-away profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_chromium()
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def severe_logs(driver: Any) -> list[dict[str, Any]]:
    """Browser console entries of level SEVERE (errors) since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def wait_ready(driver: Any, timeout: float = 60.0) -> None:
    """Wait until the view has drawn its first frame after layout (``kgView.ready``)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return !!(window.kgView && window.kgView.ready)")
    )


def screenshot(driver: Any, name: str) -> Path:
    """Save a PNG screenshot under ``tests/artifacts/`` and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
