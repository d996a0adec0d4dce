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


@migrations()
def m002_cases_lifecycle_versions(db: Database) -> None:
    db["cases"].create({
        "id": str, "case_number": str, "hearing_date": str, "court_name": str, "courtroom": str,
        "list_time": str, "family_name": str, "given_names": str, "date_of_birth": str,
        "pnc_id": str, "crn": str, "offence": str,
        # listed: on the latest list; manual: added by hand; off_list: not on the
        # latest list but kept because work has started; removed: off the list.
        "listing": str, "search_text": str, "created_at": str, "updated_at": str,
    }, pk="id", not_null={"case_number", "hearing_date", "family_name", "given_names",
                          "listing", "search_text", "created_at", "updated_at"})
    db["cases"].create_index(["case_number"], unique=True)
    db["cases"].create_index(["hearing_date", "list_time"])
    db["cases"].enable_fts(["search_text"], fts_version="FTS5", create_triggers=True,
                           tokenize="unicode61 remove_diacritics 2")
    for column in ("submitted_by", "submitted_at", "review_comment", "countersigned_by",
                   "countersigned_at", "amendment_reason"):
        db["assessments"].add_column(column, str)
    db["assessment_versions"].create({
        "assessment_id": str, "version": int, "answers": str, "content_hash": str,
        "countersigned_by": str, "countersigned_at": str,
    }, pk=("assessment_id", "version"), foreign_keys=[("assessment_id", "assessments", "id")])


@migrations()
def m003_resume_position(db: Database) -> None:
    # Where the interview was left (section and question), to resume exactly there.
    db["assessments"].add_column("resume_section", str)
    db["assessments"].add_column("resume_question", str)


@migrations()
def m004_frozen_reports(db: Database) -> None:
    # The snapshot of each approved version's report, per language, kept the first
    # time it is made: every later print has the same content and verification
    # code, whatever changes in the app or the form files afterwards.
    db["frozen_reports"].create({
        "assessment_id": str, "version": int, "lang": str, "snapshot": str,
        "verification": str, "frozen_at": str,
    }, pk=("assessment_id", "version", "lang"),
        foreign_keys=[("assessment_id", "assessments", "id")])
    db["frozen_reports"].create_index(["verification"])


@migrations()
def m007_profiles_and_reader_copies(db: Database) -> None:
    # Who signs: an account's name as printed, profession, registration (HCPC, NMC or
    # GMC number) and supervising clinician, printed on the report instead of the
    # account name.
    for column in ("full_name", "profession", "registration", "supervisor"):
        db["accounts"].add_column(column, str)
    # Each reader's copy (court, probation, provider) is kept at countersignature with
    # its own verification code. Reports kept before readers' copies existed were one
    # report for everyone: they become the reader "all".
    db["frozen_reports"].add_column("reader", str)
    db.execute("UPDATE frozen_reports SET reader = 'all'")
    db["frozen_reports"].transform(pk=("assessment_id", "version", "reader", "lang"))


@migrations()
def m006_signed_accounts_and_steps(db: Database) -> None:
    # Trust (issue 9): accounts are certified by an administrator's signature, so the
    # role column is for display only and the password hash goes (the key slots check
    # passwords). Account names are unique after NFKC and case folding, among the
    # accounts not removed. Audit entries carry their signer's signature; each
    # lifecycle step is a signed object of its own.
    from .trust import fold_name

    accounts = db["accounts"]
    accounts.add_column("name_key", str)
    accounts.add_column("public_key", str)
    taken: set[str] = set()
    for row in list(accounts.rows_where(order_by="created_at DESC")):
        key = fold_name(row["username"])
        changes = {"name_key": key}
        if row["removed_at"] is None and key in taken:
            # An earlier version let 'Ann' and 'ann' share one key slot: the one made
            # later holds it, so the earlier is retired.
            changes["removed_at"] = row["created_at"]
        if row["removed_at"] is None:
            taken.add(key)
        accounts.update(row["id"], changes)
    accounts.transform(drop={"password_hash"})
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                              "AND tbl_name = 'accounts' AND sql IS NOT NULL").fetchall():
        db.execute(f"DROP INDEX [{name}]")
    db.execute("CREATE UNIQUE INDEX accounts_active_name ON accounts(name_key) "
               "WHERE removed_at IS NULL")
    db["audit"].add_column("signer", str)
    db["audit"].add_column("signature", str)
    db["audit"].create_index(["entity_id"])
    db["certificates"].create({"seq": int, "account_id": str, "payload": str, "signer": str,
                               "signature": str}, pk="seq",
                              not_null={"account_id", "payload", "signer", "signature"})
    db["certificates"].create_index(["account_id"])
    db["steps"].create({"seq": int, "assessment_id": str, "version": int, "action": str,
                        "payload": str, "signer": str, "signature": str, "audit_seq": int},
                       pk="seq", foreign_keys=[("assessment_id", "assessments", "id")],
                       not_null={"assessment_id", "version", "action", "payload", "signer",
                                 "signature"})
    db["steps"].create_index(["assessment_id", "version"])
    db["assessment_versions"].add_column("countersignature", str)


# Issue 8's migration, made on its branch beside m006 and m007 (independent of both):
# it comes after them, so a store made on main before it upgrades in the same order as
# a new store, and a store made on the branch (m005 already applied) takes m007 and m006.
@migrations()
def m005_started_review_comments_search(db: Database) -> None:
    # When a person first answered (the listing details copied in when a case is
    # opened do not count): until then the case is still "listed".
    db["assessments"].add_column("started_at", str)
    # Started: an answer imported, or saved by a person; the listing details copied in when
    # the case was opened (these fields, within seconds of its creation) do not count.
    copied = ("person_family_name", "person_given_names", "person_dob", "hearing_date",
              "court_name", "courtroom", "list_time", "case_number", "pnc_id", "crn")
    db.execute(
        "UPDATE assessments SET started_at = COALESCE((SELECT MIN(u.at) FROM audit u "
        "WHERE u.entity_id = assessments.id AND (u.action = 'answer_imported' OR "
        "(u.action = 'answer_saved' AND (u.field NOT IN (" + ",".join("?" * len(copied))
        + ") OR julianday(u.at) - julianday(assessments.created_at) > 2.0 / 86400)))), "
        "CASE WHEN status != 'draft' THEN updated_at END)", list(copied))
    # The review's comments and the assessor's replies, each kept (not overwritten).
    db["review_comments"].create({
        "id": str, "assessment_id": str, "version": int, "kind": str, "text": str,
        "author_id": str, "at": str,
    }, pk="id", not_null={"assessment_id", "version", "kind", "text", "author_id", "at"},
        foreign_keys=[("assessment_id", "assessments", "id")])
    db["review_comments"].create_index(["assessment_id", "at"])
    for row in db.query("SELECT id, version, review_comment, updated_at, created_by FROM "
                        "assessments WHERE review_comment IS NOT NULL"):
        reviewer = db.execute(
            "SELECT actor FROM audit WHERE entity_id = ? AND action = 'request_changes' "
            "ORDER BY seq DESC LIMIT 1", [row["id"]]).fetchone()
        db["review_comments"].insert({
            "id": f"{row['id']}-m005", "assessment_id": row["id"], "version": row["version"],
            "kind": "changes_requested", "text": row["review_comment"],
            "author_id": reviewer[0] if reviewer else row["created_by"],
            "at": row["updated_at"]})
    # Search also matches names with their punctuation taken out ("obrien").
    from .store_cases import rebuild_search_text

    rebuild_search_text(db)


@migrations()
def m008_sync_outbox(db: Database) -> None:
    # Sync to central records (issue 12, cstr_desktop/sync/). The enrolment with central:
    # its pinned signing key and TLS certificate, and this laptop's device key (wrapped).
    db["sync_central"].create({
        "id": int, "url": str, "device_id": str, "device_name": str,
        "device_public_key": str, "device_key_wrapped": str, "device_key_next": str,
        "signing_key": str, "bundle_key": str, "tls_cert_pem": str, "tls_fingerprint": str,
        "enrolment": str, "enrolled_at": str, "enrolled_by": str,
    }, pk="id")
    # What waits to go to central, and afterwards the stub of what went: one row per
    # (kind, assessment, version, item), queued in the transaction that approved it.
    # ``kind``: "record" (a countersigned version; ``item_id`` "") or "outcome" (a court
    # outcome addendum, ``cstr-outcome/1``; ``item_id`` its outcome_id).
    db["outbox"].create({
        "id": int, "kind": str, "item_id": str, "assessment_id": str, "version": int,
        "content_hash": str,
        "state": str, "queued_at": str, "payload": str, "attempts": int,
        "last_attempt_at": str, "next_attempt_at": str, "last_error": str,
        "receipt": str, "receipt_id": str, "received_at": str, "purged_at": str,
        "approved_at": str,
    }, pk="id", not_null={"kind", "item_id", "assessment_id", "version", "content_hash",
                          "state", "queued_at"}, defaults={"item_id": ""})
    db["outbox"].create_index(["kind", "assessment_id", "version", "item_id"], unique=True)
    db["outbox"].create_index(["state"])
    # Audit entries whose identifiable values were cleared after central's receipt: checked
    # by their signature and place in the chain, no longer by recomputing their hash.
    db["audit"].add_column("redacted", int)


# Issue 13 (the laptop's half): court outcomes recorded after approval, as signed
# cstr-outcome/1 addenda kept until central's receipt (an outcome recorded before approval
# is answers of the assessment, under the outcome_* ids, and needs no table).
@migrations()
def m009_outcome_addenda(db: Database) -> None:
    db["outcome_addenda"].create({
        "outcome_id": str, "assessment_id": str, "version": int, "case_number": str,
        "payload": str, "signer": str, "signature": str, "content_hash": str,
        "supersedes": str, "outcome_date": str, "result": str, "recorded_at": str,
        "audit_seq": int, "sent_at": str, "receipt": str, "purged_at": str,
    }, pk="outcome_id", foreign_keys=[("assessment_id", "assessments", "id")],
        # payload, case_number and result are cleared by the purge (a stub stays).
        not_null={"assessment_id", "version", "signer", "signature", "content_hash",
                  "outcome_date", "recorded_at"})
    db["outcome_addenda"].create_index(["assessment_id"])
    db["outcome_addenda"].create_index(["receipt"])
