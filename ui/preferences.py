"""User preferences, each declared once with its default; window state kept apart.

Stored with QSettings (per user, per machine). `VERSION` and `upgrade` carry old
files forward, one numbered step per change of format.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

VERSION = 1
ORGANISATION = "Fieldvisit"
APPLICATION = "Fieldvisit"

TEXT_SIZES = (100, 125, 150, 175, 200)
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


@dataclass
class Preferences:
    """What the user chose: text size, contrast, idle lock, language."""

    text_size: int = 100  # percent, 100 to 200
    high_contrast: bool = False
    idle_lock_minutes: int = 10  # 0: never
    language: str = "zh_CN"

    def checked(self) -> Preferences:
        """The same preferences with every value brought into its allowed range."""
        return Preferences(
            text_size=min(200, max(100, int(self.text_size))),
            high_contrast=bool(self.high_contrast),
            idle_lock_minutes=min(240, max(0, int(self.idle_lock_minutes))),
            language=self.language if self.language in LANGUAGES else "zh_CN",
        )


def _settings(settings: QSettings | None) -> QSettings:
    return settings or QSettings(ORGANISATION, APPLICATION)


def upgrade(settings: QSettings) -> None:
    """Bring an older preferences file to the current VERSION (steps kept forever)."""
    version = int(settings.value("version", 0))  # type: ignore[call-overload]
    if version < 1:
        # version 0 kept the text size as a factor (1.0 to 2.0)
        factor = settings.value("text_factor")
        if factor is not None:
            settings.setValue("prefs/text_size", round(float(factor) * 100))
            settings.remove("text_factor")
    settings.setValue("version", VERSION)


def load(settings: QSettings | None = None) -> Preferences:
    store = _settings(settings)
    upgrade(store)
    defaults = Preferences()

    def value(key: str, default: object) -> object:
        return store.value(f"prefs/{key}", default)

    raw_contrast = value("high_contrast", defaults.high_contrast)
    return Preferences(
        text_size=int(value("text_size", defaults.text_size)),  # type: ignore[call-overload]
        high_contrast=raw_contrast in (True, "true", "1", 1),
        idle_lock_minutes=int(value("idle_lock_minutes", defaults.idle_lock_minutes)),  # type: ignore[call-overload]
        language=str(value("language", defaults.language)),
    ).checked()


def save(preferences: Preferences, settings: QSettings | None = None) -> None:
    store = _settings(settings)
    checked = preferences.checked()
    store.setValue("version", VERSION)
    store.setValue("prefs/text_size", checked.text_size)
    store.setValue("prefs/high_contrast", checked.high_contrast)
    store.setValue("prefs/idle_lock_minutes", checked.idle_lock_minutes)
    store.setValue("prefs/language", checked.language)


def save_window(geometry: QByteArray, state: QByteArray, settings: QSettings | None = None) -> None:
    store = _settings(settings)
    store.setValue("window/geometry", geometry)
    store.setValue("window/state", state)


def load_window(settings: QSettings | None = None) -> tuple[QByteArray | None, QByteArray | None]:
    store = _settings(settings)
    geometry = store.value("window/geometry")
    state = store.value("window/state")
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )
