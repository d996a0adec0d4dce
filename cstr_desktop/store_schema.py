"""The store's schema, changed only by ordered migrations (sqlite-utils ``Migrations``).

Add a new function at the end for each change; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("cstr_store")


@migrations()
def m001_core_tables(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["accounts"].create({
        "id": str, "username": str, "role": str, "password_hash": str,
        "created_at": str, "removed_at": str,
    }, pk="id", not_null={"username", "role", "password_hash", "created_at"})
    db["accounts"].create_index(["username"], unique=True)
    db["assessments"].create({
        "id": str, "case_number": str, "form_id": str, "form_version": int, "version": int,
        "status": str, "content_hash": str, "created_by": str, "created_at": str,
        "updated_at": str,
    }, pk="id", not_null={"form_id", "form_version", "version", "status", "created_by",
                          "created_at", "updated_at"})
    db["assessments"].create_index(["case_number"])
    db["answers"].create({
        "assessment_id": str, "name": str, "value": str, "updated_at": str, "updated_by": str,
    }, pk=("assessment_id", "name"), foreign_keys=[("assessment_id", "assessments", "id")])
    db["audit"].create({
        "seq": int, "id": str, "at": str, "actor": str, "action": str, "entity": str,
        "entity_id": str, "field": str, "old": str, "new": str, "reason": str,
        "prev_hash": str, "hash": str,
    }, pk="seq", not_null={"id", "at", "action", "prev_hash", "hash"})
