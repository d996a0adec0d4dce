"""The app's settings: a typed model with a schema version and migrations."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.settings import SCHEMA_VERSION, AppSettings, load_settings, save_settings


def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_nothing_stored_is_the_defaults_at_the_current_version(tmp_path):
    store = ini(tmp_path)
    assert load_settings(store) == AppSettings(language="en", idle_minutes=5.0, geometry=b"")
    assert int(store.value("schema_version")) == SCHEMA_VERSION == 1


def test_the_loose_keys_of_version_0_are_migrated_and_written_back(tmp_path):
    store = ini(tmp_path)
    store.setValue("language", "cy")
    store.setValue("idle_minutes", "12")
    store.setValue("geometry", b"\x01\xd9\xd0\xcb")
    store.sync()
    settings = load_settings(ini(tmp_path))
    assert settings == AppSettings(language="cy", idle_minutes=12.0, geometry=b"\x01\xd9\xd0\xcb")
    assert settings.refused == []
    again = ini(tmp_path)
    assert sorted(again.allKeys()) == ["app/language", "lock/idle_minutes", "schema_version",
                                       "window/geometry"]
    assert load_settings(again) == settings  # migrating twice changes nothing


def test_a_bad_value_is_its_default_and_named_never_cast_where_read(tmp_path):
    store = ini(tmp_path)
    store.setValue("schema_version", 1)
    store.setValue("app/language", "fr")
    store.setValue("lock/idle_minutes", "0")
    settings = load_settings(store)
    assert (settings.language, settings.idle_minutes) == ("en", 5.0)
    assert settings.refused == [("language", "fr"), ("idle_minutes", "0")]


def test_saved_settings_read_back_the_same(tmp_path):
    store = ini(tmp_path)
    save_settings(store, AppSettings(language="cy", idle_minutes=30.0, geometry=b"\x00\xff"))
    store.sync()
    assert load_settings(ini(tmp_path)) == AppSettings(language="cy", idle_minutes=30.0,
                                                       geometry=b"\x00\xff")
